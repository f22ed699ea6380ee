package dev.stoa.eval.store;

import static dev.stoa.eval.store.jooq.Tables.EVAL_QUALITY_CHECKS;
import static dev.stoa.eval.store.jooq.Tables.EVAL_QUALITY_CONFIGS;
import static dev.stoa.eval.store.jooq.Tables.EVAL_QUALITY_TURNS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.FinishedTurn;
import dev.stoa.eval.domain.model.QualityCheck;
import dev.stoa.eval.domain.model.QualityConfig;
import dev.stoa.eval.domain.port.QualityRepository;
import dev.stoa.eval.store.jooq.tables.records.EvalQualityChecksRecord;
import dev.stoa.eval.store.jooq.tables.records.EvalQualityConfigsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/** Quality configs, kept turns and checks in PostgreSQL. */
@Component
public final class JooqQualityRepository implements QualityRepository {
    private final TenantTransactions tx;

    public JooqQualityRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<QualityConfig> config(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_QUALITY_CONFIGS)
                .where(EVAL_QUALITY_CONFIGS.AGENT_ID.eq(agentId))
                .fetchOptional(JooqQualityRepository::map));
    }

    @Override
    public void saveConfig(QualityConfig c) {
        EvalQualityConfigsRecord row = new EvalQualityConfigsRecord(
                c.orgId(),
                c.agentId(),
                c.enabled(),
                c.sampleRate(),
                c.rubric(),
                c.judgeModel(),
                c.passThreshold(),
                c.updatedBy(),
                c.updatedAt());
        tx.inOrgRun(c.orgId(), dsl -> dsl.insertInto(EVAL_QUALITY_CONFIGS)
                .set(row)
                .onConflict(EVAL_QUALITY_CONFIGS.ORG_ID, EVAL_QUALITY_CONFIGS.AGENT_ID)
                .doUpdate()
                .set(row)
                .execute());
    }

    @Override
    public void keepTurn(FinishedTurn t) {
        tx.inOrgRun(t.orgId(), dsl -> dsl.insertInto(EVAL_QUALITY_TURNS)
                .set(EVAL_QUALITY_TURNS.ORG_ID, t.orgId())
                .set(EVAL_QUALITY_TURNS.TURN_ID, t.turnId())
                .set(EVAL_QUALITY_TURNS.AGENT_ID, t.agentId())
                .set(EVAL_QUALITY_TURNS.AGENT_VERSION, t.agentVersion())
                .set(EVAL_QUALITY_TURNS.CONVERSATION_ID, t.conversationId())
                .set(EVAL_QUALITY_TURNS.USER_MESSAGE, t.userMessage())
                .set(EVAL_QUALITY_TURNS.ASSISTANT_MESSAGE, t.assistantMessage())
                .set(EVAL_QUALITY_TURNS.FINISHED_AT, t.finishedAt())
                .onConflictDoNothing()
                .execute());
    }

    @Override
    public List<FinishedTurn> uncheckedTurns(
            String orgId, String agentId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_QUALITY_TURNS)
                .where(EVAL_QUALITY_TURNS.AGENT_ID.eq(agentId))
                .and(EVAL_QUALITY_TURNS.FINISHED_AT.between(from, to))
                .andNotExists(DSL.selectOne()
                        .from(EVAL_QUALITY_CHECKS)
                        .where(EVAL_QUALITY_CHECKS.TURN_ID.eq(EVAL_QUALITY_TURNS.TURN_ID)))
                .orderBy(EVAL_QUALITY_TURNS.FINISHED_AT, EVAL_QUALITY_TURNS.TURN_ID)
                .limit(limit)
                .fetch(r -> new FinishedTurn(
                        r.getOrgId(),
                        r.getAgentId(),
                        r.getAgentVersion(),
                        r.getConversationId(),
                        r.getTurnId(),
                        "chat",
                        "completed",
                        r.getUserMessage(),
                        r.getAssistantMessage(),
                        r.getFinishedAt())));
    }

    @Override
    public boolean checked(String orgId, String turnId) {
        return tx.inOrg(orgId, dsl -> dsl.fetchExists(EVAL_QUALITY_CHECKS, EVAL_QUALITY_CHECKS.TURN_ID.eq(turnId)));
    }

    @Override
    public void record(QualityCheck c) {
        tx.inOrgRun(c.orgId(), dsl -> dsl.insertInto(EVAL_QUALITY_CHECKS)
                .set(EVAL_QUALITY_CHECKS.ID, c.id())
                .set(EVAL_QUALITY_CHECKS.ORG_ID, c.orgId())
                .set(EVAL_QUALITY_CHECKS.AGENT_ID, c.agentId())
                .set(EVAL_QUALITY_CHECKS.AGENT_VERSION, c.agentVersion())
                .set(EVAL_QUALITY_CHECKS.TURN_ID, c.turnId())
                .set(EVAL_QUALITY_CHECKS.CONVERSATION_ID, c.conversationId())
                .set(EVAL_QUALITY_CHECKS.SCORE, c.score())
                .set(EVAL_QUALITY_CHECKS.PASSED, c.passed())
                .set(EVAL_QUALITY_CHECKS.REASONING, c.reasoning())
                .set(EVAL_QUALITY_CHECKS.SOURCE, c.source())
                .set(EVAL_QUALITY_CHECKS.JUDGED_AT, c.judgedAt())
                .onConflictDoNothing()
                .execute());
    }

    @Override
    public Page<QualityCheck> checks(String orgId, Filter filter, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = where(filter);
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = c.and(DSL.row(EVAL_QUALITY_CHECKS.JUDGED_AT, EVAL_QUALITY_CHECKS.ID)
                        .lt(after.at(), after.id()));
            }
            List<QualityCheck> rows = dsl.selectFrom(EVAL_QUALITY_CHECKS)
                    .where(c)
                    .orderBy(EVAL_QUALITY_CHECKS.JUDGED_AT.desc(), EVAL_QUALITY_CHECKS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqQualityRepository::map);
            return Page.fromOverfetch(rows, page.limit(), q -> KeysetCursor.of(q.judgedAt(), q.id()));
        });
    }

    @Override
    public List<DayStats> stats(String orgId, Filter filter) {
        Field<LocalDate> day =
                DSL.field("(({0} at time zone 'UTC')::date)", SQLDataType.LOCALDATE, EVAL_QUALITY_CHECKS.JUDGED_AT);
        return tx.inOrg(orgId, dsl -> dsl.select(
                        EVAL_QUALITY_CHECKS.AGENT_ID,
                        day,
                        DSL.count(),
                        DSL.sum(EVAL_QUALITY_CHECKS.SCORE),
                        DSL.count().filterWhere(EVAL_QUALITY_CHECKS.PASSED.isTrue()))
                .from(EVAL_QUALITY_CHECKS)
                .where(where(filter))
                .groupBy(EVAL_QUALITY_CHECKS.AGENT_ID, day)
                .orderBy(EVAL_QUALITY_CHECKS.AGENT_ID, day)
                .fetch(r -> new DayStats(
                        r.value1(), r.value2(), r.value3(), r.value4().doubleValue(), r.value5())));
    }

    @Override
    public int forgetConversation(String orgId, String conversationId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(EVAL_QUALITY_TURNS)
                                .where(EVAL_QUALITY_TURNS.CONVERSATION_ID.eq(conversationId))
                                .execute()
                        + dsl.deleteFrom(EVAL_QUALITY_CHECKS)
                                .where(EVAL_QUALITY_CHECKS.CONVERSATION_ID.eq(conversationId))
                                .execute());
    }

    @Override
    public int purgeTurns(OffsetDateTime before) {
        Object purged = tx.global(dsl -> dsl.fetchValue("select eval_quality_turns_purge({0})", DSL.val(before)));
        return purged instanceof Number n ? n.intValue() : 0;
    }

    private static Condition where(Filter f) {
        Condition c = DSL.trueCondition();
        if (f.agentId() != null) {
            c = c.and(EVAL_QUALITY_CHECKS.AGENT_ID.eq(f.agentId()));
        }
        if (f.passed() != null) {
            c = c.and(EVAL_QUALITY_CHECKS.PASSED.eq(f.passed()));
        }
        if (f.from() != null) {
            c = c.and(EVAL_QUALITY_CHECKS.JUDGED_AT.ge(f.from()));
        }
        if (f.to() != null) {
            c = c.and(EVAL_QUALITY_CHECKS.JUDGED_AT.le(f.to()));
        }
        return c;
    }

    private static QualityConfig map(EvalQualityConfigsRecord r) {
        return new QualityConfig(
                r.getOrgId(),
                r.getAgentId(),
                r.getEnabled(),
                r.getSampleRate(),
                r.getRubric(),
                r.getJudgeModel(),
                r.getPassThreshold(),
                r.getUpdatedBy(),
                r.getUpdatedAt());
    }

    private static QualityCheck map(EvalQualityChecksRecord r) {
        return new QualityCheck(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getAgentVersion(),
                r.getTurnId(),
                r.getConversationId(),
                r.getScore(),
                r.getPassed(),
                r.getReasoning(),
                r.getSource(),
                r.getJudgedAt());
    }
}
