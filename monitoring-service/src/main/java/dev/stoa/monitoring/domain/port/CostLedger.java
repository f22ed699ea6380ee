package dev.stoa.monitoring.domain.port;

import dev.stoa.monitoring.domain.model.CostGroup;
import dev.stoa.monitoring.domain.model.CostGrouping;
import dev.stoa.monitoring.domain.model.TurnCost;
import java.time.LocalDate;
import java.util.List;

/** Spend per org, agent, provider, model and UTC day. */
public interface CostLedger {
    /** Adds the turn unless event {@code eventId} was added before (then false), atomically with its dedupe. */
    boolean add(String eventId, TurnCost turn);

    /** Sums of the days {@code from..to} (inclusive), per group, ordered by key. */
    List<CostGroup> sum(String orgId, CostGrouping grouping, LocalDate from, LocalDate to);

    /** What the agent spent over the days {@code from..to} (inclusive), micro-USD. */
    long spent(String orgId, String agentId, LocalDate from, LocalDate to);
}
