package dev.stoa.eval.domain.model;

import org.jspecify.annotations.Nullable;

/** A model chosen apart from the agent's own (the LLM judge): a tier of the org, or one provider and model. */
public record ModelChoice(
        @Nullable String tierId,
        @Nullable String providerId,
        @Nullable String model) {}
