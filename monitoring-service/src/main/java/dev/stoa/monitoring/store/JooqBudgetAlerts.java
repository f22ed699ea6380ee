package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.BUDGET_ALERTS;
import static dev.stoa.monitoring.store.jooq.Tables.COST_LEDGER;

import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.BudgetAlert;
import dev.stoa.monitoring.domain.model.TurnCost;
import dev.stoa.monitoring.domain.port.BudgetAlerts;
import dev.stoa.monitoring.store.jooq.tables.records.BudgetAlertsRecord;
import dev.stoa.store.TenantTransactions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Budget alerts in PostgreSQL, raised in the transaction that costs the turn crossing a threshold. */
@Component
public final class JooqBudgetAlerts implements BudgetAlerts {
    private final TenantTransactions tx;

    public JooqBudgetAlerts(TenantTransactions tx) {
        this.tx = tx;
    }

    /**
     * After turn {@code t} was added to the ledger: the thresholds of its agent's budget that the month's spend
     * crossed with it, each raised once a month. A turn is costed once (the ledger dedupes events) and an org's turns
     * arrive in order on one partition, so each crossing is seen exactly once.
     */
    static List<BudgetAlert> raiseCrossed(DSLContext dsl, TurnCost t, OffsetDateTime now) {
        LocalDate month = t.day().withDayOfMonth(1);
        BigDecimal sum = dsl.select(DSL.sum(COST_LEDGER.COST_MICROS))
                .from(COST_LEDGER)
                .where(COST_LEDGER.AGENT_ID.eq(t.agentId()))
                .and(COST_LEDGER.DAY.between(month, month.plusMonths(1).minusDays(1)))
                .fetchOne(0, BigDecimal.class);
        long after = sum == null ? 0 : sum.longValueExact();
        List<BudgetAlert> raised = new ArrayList<>();
        for (int threshold : BudgetAlert.crossed(t.monthlyBudgetMicros(), after - t.costMicros(), after)) {
            BudgetAlert alert = new BudgetAlert(
                    Ids.generate("bga"), t.orgId(), t.agentId(), month, threshold, t.monthlyBudgetMicros(), after, now);
            int inserted = dsl.insertInto(BUDGET_ALERTS)
                    .set(BUDGET_ALERTS.ID, alert.id())
                    .set(BUDGET_ALERTS.ORG_ID, alert.orgId())
                    .set(BUDGET_ALERTS.AGENT_ID, alert.agentId())
                    .set(BUDGET_ALERTS.MONTH, alert.month())
                    .set(BUDGET_ALERTS.THRESHOLD_PERCENT, alert.thresholdPercent())
                    .set(BUDGET_ALERTS.BUDGET_MICROS, alert.budgetMicros())
                    .set(BUDGET_ALERTS.SPENT_MICROS, alert.spentMicros())
                    .set(BUDGET_ALERTS.RAISED_AT, alert.raisedAt())
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 1) {
                raised.add(alert);
            }
        }
        return raised;
    }

    @Override
    public Page<BudgetAlert> list(String orgId, @Nullable String agentId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = agentId == null ? DSL.trueCondition() : BUDGET_ALERTS.AGENT_ID.eq(agentId);
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = c.and(DSL.row(BUDGET_ALERTS.RAISED_AT, BUDGET_ALERTS.ID).lt(after.at(), after.id()));
            }
            List<BudgetAlert> rows = dsl.selectFrom(BUDGET_ALERTS)
                    .where(c)
                    .orderBy(BUDGET_ALERTS.RAISED_AT.desc(), BUDGET_ALERTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqBudgetAlerts::map);
            return Page.fromOverfetch(rows, page.limit(), a -> KeysetCursor.of(a.raisedAt(), a.id()));
        });
    }

    private static BudgetAlert map(BudgetAlertsRecord r) {
        return new BudgetAlert(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getMonth(),
                r.getThresholdPercent(),
                r.getBudgetMicros(),
                r.getSpentMicros(),
                r.getRaisedAt());
    }
}
