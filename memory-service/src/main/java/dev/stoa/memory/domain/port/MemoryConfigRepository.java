package dev.stoa.memory.domain.port;

import dev.stoa.memory.domain.model.MemoryConfig;
import java.util.Optional;

/** Saved memory configs, one per agent. */
public interface MemoryConfigRepository {
    Optional<MemoryConfig> find(String orgId, String agentId);

    /** Inserts or replaces the agent's config; returns it as stored (version incremented, updated_at set). */
    MemoryConfig save(String orgId, MemoryConfig config);
}
