package dev.stoa.agent.domain.model;

/** Which model serves an agent: an org tier (resolved when the runtime config is built) or one provider + model. */
public sealed interface ModelRef {
    /** Follows the tier's current chain; stored by id so renaming a tier keeps agents on it. */
    record Tier(String tierId) implements ModelRef {}

    /** One provider and a model name as that provider spells it. */
    record Direct(String providerId, String model) implements ModelRef {}
}
