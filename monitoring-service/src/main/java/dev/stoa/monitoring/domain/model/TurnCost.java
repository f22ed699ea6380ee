package dev.stoa.monitoring.domain.model;

import java.time.LocalDate;

/**
 * What one chat turn used, for the ledger.
 *
 * @param day the UTC day the turn finished
 * @param costMicros in the catalog's prices, micro-USD
 * @param monthlyBudgetMicros the agent's monthly budget when the turn ran (0: none), for budget alerts
 */
public record TurnCost(
        String orgId,
        String agentId,
        String providerId,
        String model,
        LocalDate day,
        boolean failed,
        long inputTokens,
        long outputTokens,
        long costMicros,
        long monthlyBudgetMicros) {}
