package dev.stoa.monitoring.domain.port;

import dev.stoa.monitoring.domain.model.BudgetAlert;
import dev.stoa.monitoring.domain.model.CostGroup;
import dev.stoa.monitoring.domain.model.CostGrouping;
import dev.stoa.monitoring.domain.model.TurnCost;
import java.time.LocalDate;
import java.util.List;

/** Spend per org, agent, provider, model and UTC day. */
public interface CostLedger {
    /**
     * Adds the turn unless event {@code eventId} was added before (then {@link Costed#first()} is false), atomically
     * with its dedupe, and raises the budget alerts its cost crosses.
     */
    Costed add(String eventId, TurnCost turn);

    /** Whether the turn was new, and the budget alerts it raised. */
    record Costed(boolean first, List<BudgetAlert> alerts) {
        public static final Costed DUPLICATE = new Costed(false, List.of());

        public Costed {
            alerts = List.copyOf(alerts);
        }
    }

    /** Sums of the days {@code from..to} (inclusive), per group, ordered by key. */
    List<CostGroup> sum(String orgId, CostGrouping grouping, LocalDate from, LocalDate to);

    /** What the agent spent over the days {@code from..to} (inclusive), micro-USD. */
    long spent(String orgId, String agentId, LocalDate from, LocalDate to);
}
