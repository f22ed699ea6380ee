package dev.stoa.monitoring.domain.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An agent's spend in a UTC month crossed {@code thresholdPercent} of its monthly budget.
 *
 * @param month the first day of the month
 * @param spentMicros the month's spend once the crossing turn was costed
 */
public record BudgetAlert(
        String id,
        String orgId,
        String agentId,
        LocalDate month,
        int thresholdPercent,
        long budgetMicros,
        long spentMicros,
        OffsetDateTime raisedAt) {
    /** The shares of a budget that raise an alert when a month's spend crosses them. */
    public static final List<Integer> THRESHOLDS = List.of(80, 100);

    /** The thresholds that spend going from {@code before} to {@code after} crosses, of {@code budget}. */
    public static List<Integer> crossed(long budget, long before, long after) {
        if (budget <= 0) {
            return List.of();
        }
        return THRESHOLDS.stream()
                .filter(t -> {
                    // exact in integers: spend reaches t % of the budget when spend * 100 >= budget * t
                    long line = Math.multiplyExact(budget, (long) t);
                    return before * 100 < line && after * 100 >= line;
                })
                .toList();
    }
}
