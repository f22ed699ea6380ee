package dev.stoa.eval.store;

import static dev.stoa.eval.store.jooq.Tables.EVAL_AB_JUDGEMENTS;
import static dev.stoa.eval.store.jooq.Tables.EVAL_AB_TESTS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.AbStatus;
import dev.stoa.eval.domain.model.AbTest;
import dev.stoa.eval.domain.model.Judgement;
import dev.stoa.eval.domain.model.VariantSummary;
import dev.stoa.eval.domain.port.AbTestRepository;
import dev.stoa.eval.store.jooq.tables.records.EvalAbTestsRecord;
import dev.stoa.store.TenantTransactions;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record5;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** A/B tests and their judgements in PostgreSQL; the variants' summaries are aggregated by the database. */
@Component
public final class JooqAbTestRepository implements AbTestRepository {
    private final TenantTransactions tx;

    public JooqAbTestRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(AbTest t) {
        return tx.inOrg(
                t.orgId(),
                dsl -> dsl.insertInto(EVAL_AB_TESTS)
                                .set(EVAL_AB_TESTS.ID, t.id())
                                .set(EVAL_AB_TESTS.ORG_ID, t.orgId())
                                .set(EVAL_AB_TESTS.AGENT_ID, t.agentId())
                                .set(EVAL_AB_TESTS.NAME, t.name())
                                .set(EVAL_AB_TESTS.VERSION_A, t.versionA())
                                .set(EVAL_AB_TESTS.VERSION_B, t.versionB())
                                .set(EVAL_AB_TESTS.PERCENT, t.percent())
                                .set(EVAL_AB_TESTS.RUBRIC, t.rubric())
                                .set(EVAL_AB_TESTS.JUDGE_MODEL, t.judgeModel())
                                .set(EVAL_AB_TESTS.SAMPLE_RATE, t.sampleRate())
                                .set(EVAL_AB_TESTS.PASS_THRESHOLD, t.passThreshold())
                                .set(EVAL_AB_TESTS.MIN_DETECTABLE_EFFECT, t.minDetectableEffect())
                                .set(EVAL_AB_TESTS.MIN_SAMPLES_PER_VARIANT, t.minSamplesPerVariant())
                                .set(EVAL_AB_TESTS.ALPHA, t.alpha())
                                .set(EVAL_AB_TESTS.STATUS, t.status().wire())
                                .set(EVAL_AB_TESTS.CREATED_BY, t.createdBy())
                                .set(EVAL_AB_TESTS.CREATED_AT, t.createdAt())
                                .set(EVAL_AB_TESTS.UPDATED_AT, t.updatedAt())
                                .onConflictDoNothing()
                                .execute()
                        == 1);
    }

    @Override
    public Optional<AbTest> find(String orgId, String id) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_AB_TESTS)
                .where(EVAL_AB_TESTS.ID.eq(id))
                .fetchOptional(JooqAbTestRepository::map));
    }

    @Override
    public Page<AbTest> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = DSL.trueCondition();
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = DSL.row(EVAL_AB_TESTS.CREATED_AT, EVAL_AB_TESTS.ID).lt(after.at(), after.id());
            }
            List<AbTest> rows = dsl.selectFrom(EVAL_AB_TESTS)
                    .where(c)
                    .orderBy(EVAL_AB_TESTS.CREATED_AT.desc(), EVAL_AB_TESTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqAbTestRepository::map);
            return Page.fromOverfetch(rows, page.limit(), t -> KeysetCursor.of(t.createdAt(), t.id()));
        });
    }

    @Override
    public Optional<AbTest> running(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_AB_TESTS)
                .where(EVAL_AB_TESTS.AGENT_ID.eq(agentId))
                .and(EVAL_AB_TESTS.STATUS.eq(AbStatus.RUNNING.wire()))
                .fetchOptional(JooqAbTestRepository::map));
    }

    @Override
    public boolean judged(String orgId, String testId, String turnId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.fetchExists(
                        EVAL_AB_JUDGEMENTS,
                        EVAL_AB_JUDGEMENTS.TEST_ID.eq(testId).and(EVAL_AB_JUDGEMENTS.TURN_ID.eq(turnId))));
    }

    @Override
    public void record(String orgId, Judgement j) {
        tx.inOrgRun(orgId, dsl -> dsl.insertInto(EVAL_AB_JUDGEMENTS)
                .set(EVAL_AB_JUDGEMENTS.ORG_ID, orgId)
                .set(EVAL_AB_JUDGEMENTS.TEST_ID, j.testId())
                .set(EVAL_AB_JUDGEMENTS.TURN_ID, j.turnId())
                .set(EVAL_AB_JUDGEMENTS.CONVERSATION_ID, j.conversationId())
                .set(EVAL_AB_JUDGEMENTS.VARIANT, j.variant())
                .set(EVAL_AB_JUDGEMENTS.AGENT_VERSION, j.agentVersion())
                .set(EVAL_AB_JUDGEMENTS.SCORE, j.score())
                .set(EVAL_AB_JUDGEMENTS.PASSED, j.passed())
                .set(EVAL_AB_JUDGEMENTS.REASONING, j.reasoning())
                .set(EVAL_AB_JUDGEMENTS.JUDGED_AT, j.judgedAt())
                .onConflictDoNothing()
                .execute());
    }

    @Override
    public int forgetConversation(String orgId, String conversationId) {
        return tx.inOrg(orgId, dsl -> dsl.deleteFrom(EVAL_AB_JUDGEMENTS)
                .where(EVAL_AB_JUDGEMENTS.CONVERSATION_ID.eq(conversationId))
                .execute());
    }

    @Override
    public Map<String, VariantSummary> summaries(String orgId, String testId) {
        return tx.inOrg(orgId, dsl -> {
            Map<String, VariantSummary> out = new HashMap<>();
            for (Record5<String, Integer, BigDecimal, BigDecimal, Integer> r : dsl.select(
                            EVAL_AB_JUDGEMENTS.VARIANT,
                            DSL.count(),
                            DSL.avg(EVAL_AB_JUDGEMENTS.SCORE),
                            DSL.varSamp(EVAL_AB_JUDGEMENTS.SCORE),
                            DSL.count().filterWhere(EVAL_AB_JUDGEMENTS.PASSED.isTrue()))
                    .from(EVAL_AB_JUDGEMENTS)
                    .where(EVAL_AB_JUDGEMENTS.TEST_ID.eq(testId))
                    .groupBy(EVAL_AB_JUDGEMENTS.VARIANT)
                    .fetch()) {
                out.put(
                        r.value1(),
                        new VariantSummary(r.value2(), decimal(r.value3()), decimal(r.value4()), r.value5()));
            }
            return out;
        });
    }

    @Override
    public boolean end(
            String orgId,
            String id,
            AbStatus status,
            @Nullable String promotedVariant,
            @Nullable Integer promotedVersion,
            OffsetDateTime now) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(EVAL_AB_TESTS)
                                .set(EVAL_AB_TESTS.STATUS, status.wire())
                                .set(EVAL_AB_TESTS.PROMOTED_VARIANT, promotedVariant)
                                .set(EVAL_AB_TESTS.PROMOTED_VERSION, promotedVersion)
                                .set(EVAL_AB_TESTS.UPDATED_AT, now)
                                .set(EVAL_AB_TESTS.ENDED_AT, now)
                                .where(EVAL_AB_TESTS.ID.eq(id))
                                .and(EVAL_AB_TESTS.STATUS.eq(AbStatus.RUNNING.wire()))
                                .execute()
                        == 1);
    }

    private static double decimal(@Nullable BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }

    private static AbTest map(EvalAbTestsRecord r) {
        return new AbTest(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getName(),
                r.getVersionA(),
                r.getVersionB(),
                r.getPercent(),
                r.getRubric(),
                r.getJudgeModel(),
                r.getSampleRate(),
                r.getPassThreshold(),
                r.getMinDetectableEffect(),
                r.getMinSamplesPerVariant(),
                r.getAlpha(),
                AbStatus.fromWire(r.getStatus()),
                r.getPromotedVariant(),
                r.getPromotedVersion(),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getEndedAt());
    }
}
