package dev.stoa.monitoring.domain.port;

import dev.stoa.monitoring.domain.model.SafetyConfig;
import dev.stoa.safety.SafetyPolicy;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The stored safety policies of an org: its own (agent id empty) and its agents' overrides. */
public interface SafetyConfigRepository {

    /** The row for {@code agentId} ({@code ""}: the org's), if one was written. */
    Optional<SafetyConfig> find(String orgId, String agentId);

    /** Creates or replaces the row for {@code agentId}; returns what is stored. */
    SafetyConfig put(String orgId, String agentId, SafetyPolicy policy, String updatedBy, OffsetDateTime at);
}
