package dev.stoa.agent.api.rest;

import dev.stoa.agent.domain.model.Tier;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Tiers endpoints. */
public final class TierViews {
    private TierViews() {}

    /** One step of a tier's chain. */
    public record TargetView(String providerId, String model) {}

    /** A tier and its ordered chain (the first target serves, the next ones are fallbacks). */
    public record TierView(
            String id,
            String name,
            @Nullable String description,
            List<TargetView> targets,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static TierView of(Tier t) {
            return new TierView(
                    t.id(),
                    t.name(),
                    t.description(),
                    t.targets().stream()
                            .map(x -> new TargetView(x.providerId(), x.model()))
                            .toList(),
                    t.createdAt(),
                    t.updatedAt());
        }
    }
}
