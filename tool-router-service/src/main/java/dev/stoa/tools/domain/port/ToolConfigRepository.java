package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.ToolConfig;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Agents' tool configs. */
public interface ToolConfigRepository {
    Optional<ToolConfig> find(String orgId, String agentId);

    void save(String orgId, String agentId, ToolConfig config, String updatedBy, OffsetDateTime at);
}
