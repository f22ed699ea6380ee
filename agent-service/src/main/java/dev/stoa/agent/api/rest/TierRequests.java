package dev.stoa.agent.api.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Request bodies of the Tiers endpoints; unknown fields are refused. */
public final class TierRequests {
    private TierRequests() {}

    /** One step of a tier's chain. */
    public record TargetBody(
            @NotBlank @Size(max = 40) String providerId,
            @NotBlank @Size(max = 200) String model) {}

    /** A new tier. */
    public record CreateTier(
            @NotBlank @Size(max = 63) String name,
            @Nullable @Size(max = 2000) String description,
            @NotNull @Size(min = 1, max = 8) List<@NotNull @Valid TargetBody> targets) {}

    /** Changes to a tier; {@code targets}, when given, replaces the chain. */
    public record UpdateTier(
            @Nullable @Size(min = 1, max = 63) String name,
            @Nullable @Size(max = 2000) String description,
            @Nullable @Size(min = 1, max = 8) List<@NotNull @Valid TargetBody> targets) {}
}
