package dev.stoa.agent.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot.
 *
 * @param change what produced it: created, updated, prompt_updated, schemas_updated, rolled_back,
 *     prompt_rolled_back
 * @param sourceVersion the version a rollback copied, if any
 * @param promptChanged whether its prompt blocks differ from the previous version's
 */
public record AgentVersion(
        String agentId,
        int version,
        AgentConfig config,
        String change,
        @Nullable Integer sourceVersion,
        boolean promptChanged,
        String createdBy,
        OffsetDateTime createdAt) {}
