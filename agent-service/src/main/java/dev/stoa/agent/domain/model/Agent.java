package dev.stoa.agent.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An agent as it is now: lifecycle state plus the configuration of its current version. */
public record Agent(
        String id,
        String orgId,
        Status status,
        int version,
        @Nullable Canary canary,
        AgentConfig config,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
