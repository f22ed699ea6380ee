package dev.stoa.agent.domain.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An org's named model alias with an ordered fallback chain. */
public record Tier(
        String id,
        String orgId,
        String name,
        @Nullable String description,
        List<TierTarget> targets,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public Tier {
        targets = List.copyOf(targets);
    }
}
