package dev.stoa.monitoring.domain.model;

/**
 * Spend of one group of the ledger.
 *
 * @param key the day (ISO date), agent id or model, after the grouping asked for
 * @param providerId the model's provider when grouped by model, else empty
 */
public record CostGroup(
        String key,
        String providerId,
        long turns,
        long failedTurns,
        long inputTokens,
        long outputTokens,
        long costMicros) {}
