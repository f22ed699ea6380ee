package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.COST_LEDGER;

import dev.stoa.events.ProcessedEvents;
import dev.stoa.monitoring.domain.model.BudgetAlert;
import dev.stoa.monitoring.domain.model.CostGroup;
import dev.stoa.monitoring.domain.model.CostGrouping;
import dev.stoa.monitoring.domain.model.TurnCost;
import dev.stoa.monitoring.domain.port.CostLedger;
import dev.stoa.store.TenantTransactions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The cost ledger in PostgreSQL: one row per org, agent, provider, model and day, upserted per turn. */
@Component
public final class JooqCostLedger implements CostLedger {
    static final String CONSUMER = "monitoring.turns";

    private static final Field<BigDecimal> TURNS = DSL.sum(COST_LEDGER.TURNS);
    private static final Field<BigDecimal> FAILED = DSL.sum(COST_LEDGER.FAILED_TURNS);
    private static final Field<BigDecimal> INPUT = DSL.sum(COST_LEDGER.INPUT_TOKENS);
    private static final Field<BigDecimal> OUTPUT = DSL.sum(COST_LEDGER.OUTPUT_TOKENS);
    private static final Field<BigDecimal> COST = DSL.sum(COST_LEDGER.COST_MICROS);

    private final TenantTransactions tx;
    private final ProcessedEvents processed;
    private final Clock clock;

    public JooqCostLedger(TenantTransactions tx, ProcessedEvents processed, Clock clock) {
        this.tx = tx;
        this.processed = processed;
        this.clock = clock;
    }

    @Override
    public Costed add(String eventId, TurnCost t) {
        return tx.inOrg(t.orgId(), dsl -> {
            if (!processed.markProcessed(dsl, CONSUMER, eventId)) {
                return Costed.DUPLICATE;
            }
            // One statement whether the day's row exists or not: concurrent turns of a row add up, none is lost.
            dsl.insertInto(COST_LEDGER)
                    .set(COST_LEDGER.ORG_ID, t.orgId())
                    .set(COST_LEDGER.AGENT_ID, t.agentId())
                    .set(COST_LEDGER.PROVIDER_ID, t.providerId())
                    .set(COST_LEDGER.MODEL, t.model())
                    .set(COST_LEDGER.DAY, t.day())
                    .set(COST_LEDGER.TURNS, 1L)
                    .set(COST_LEDGER.FAILED_TURNS, t.failed() ? 1L : 0L)
                    .set(COST_LEDGER.INPUT_TOKENS, t.inputTokens())
                    .set(COST_LEDGER.OUTPUT_TOKENS, t.outputTokens())
                    .set(COST_LEDGER.COST_MICROS, t.costMicros())
                    .set(COST_LEDGER.UPDATED_AT, OffsetDateTime.now(clock))
                    .onConflict(
                            COST_LEDGER.ORG_ID,
                            COST_LEDGER.AGENT_ID,
                            COST_LEDGER.PROVIDER_ID,
                            COST_LEDGER.MODEL,
                            COST_LEDGER.DAY)
                    .doUpdate()
                    .set(COST_LEDGER.TURNS, COST_LEDGER.TURNS.plus(DSL.excluded(COST_LEDGER.TURNS)))
                    .set(
                            COST_LEDGER.FAILED_TURNS,
                            COST_LEDGER.FAILED_TURNS.plus(DSL.excluded(COST_LEDGER.FAILED_TURNS)))
                    .set(
                            COST_LEDGER.INPUT_TOKENS,
                            COST_LEDGER.INPUT_TOKENS.plus(DSL.excluded(COST_LEDGER.INPUT_TOKENS)))
                    .set(
                            COST_LEDGER.OUTPUT_TOKENS,
                            COST_LEDGER.OUTPUT_TOKENS.plus(DSL.excluded(COST_LEDGER.OUTPUT_TOKENS)))
                    .set(COST_LEDGER.COST_MICROS, COST_LEDGER.COST_MICROS.plus(DSL.excluded(COST_LEDGER.COST_MICROS)))
                    .set(COST_LEDGER.UPDATED_AT, DSL.excluded(COST_LEDGER.UPDATED_AT))
                    .execute();
            List<BudgetAlert> alerts = t.monthlyBudgetMicros() > 0 && t.costMicros() > 0
                    ? JooqBudgetAlerts.raiseCrossed(dsl, t, OffsetDateTime.now(clock))
                    : List.of();
            return new Costed(true, alerts);
        });
    }

    @Override
    public List<CostGroup> sum(String orgId, CostGrouping grouping, LocalDate from, LocalDate to) {
        Field<String> key =
                switch (grouping) {
                    case DAY -> COST_LEDGER.DAY.cast(SQLDataType.VARCHAR);
                    case AGENT -> COST_LEDGER.AGENT_ID;
                    case MODEL -> COST_LEDGER.MODEL;
                };
        Field<String> provider = grouping == CostGrouping.MODEL ? COST_LEDGER.PROVIDER_ID : DSL.inline("");
        return tx.inOrg(orgId, dsl -> {
            var query = dsl.select(key, provider, TURNS, FAILED, INPUT, OUTPUT, COST)
                    .from(COST_LEDGER)
                    .where(COST_LEDGER.DAY.between(from, to));
            // A constant must not appear in GROUP BY or ORDER BY (PostgreSQL refuses it): provider only for models.
            var grouped = grouping == CostGrouping.MODEL
                    ? query.groupBy(key, provider).orderBy(key, provider)
                    : query.groupBy(key).orderBy(key);
            return grouped.fetch(r -> new CostGroup(
                    r.value1(),
                    r.value2(),
                    number(r.value3()),
                    number(r.value4()),
                    number(r.value5()),
                    number(r.value6()),
                    number(r.value7())));
        });
    }

    private static long number(@Nullable BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }

    @Override
    public long spent(String orgId, String agentId, LocalDate from, LocalDate to) {
        return tx.inOrg(orgId, dsl -> {
            BigDecimal sum = dsl.select(COST)
                    .from(COST_LEDGER)
                    .where(COST_LEDGER.AGENT_ID.eq(agentId))
                    .and(COST_LEDGER.DAY.between(from, to))
                    .fetchOne(0, BigDecimal.class);
            return sum == null ? 0L : sum.longValueExact();
        });
    }
}
