package dev.stoa.memory.domain.model;

import org.jspecify.annotations.Nullable;

/** The model that extracts an agent's facts: a tier of the org, or one provider + model (exactly one of the two). */
public record ExtractionModel(
        @Nullable String tierId,
        @Nullable String providerId,
        @Nullable String model) {
    public static ExtractionModel tier(String tierId) {
        return new ExtractionModel(tierId, null, null);
    }

    public static ExtractionModel provider(String providerId, String model) {
        return new ExtractionModel(null, providerId, model);
    }
}
