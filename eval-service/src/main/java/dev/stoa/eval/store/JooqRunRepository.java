package dev.stoa.eval.store;

import static dev.stoa.eval.store.jooq.Tables.EVAL_RESULTS;
import static dev.stoa.eval.store.jooq.Tables.EVAL_RUNS;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.CaseResult;
import dev.stoa.eval.domain.model.Run;
import dev.stoa.eval.domain.model.RunStatus;
import dev.stoa.eval.domain.port.RunRepository;
import dev.stoa.eval.domain.scoring.ScoreResult;
import dev.stoa.eval.store.jooq.tables.records.EvalResultsRecord;
import dev.stoa.eval.store.jooq.tables.records.EvalRunsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Runs and results in PostgreSQL; scores are stored as JSON text. */
@Component
public final class JooqRunRepository implements RunRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ScoreResult>> SCORES = new TypeReference<>() {};

    private final TenantTransactions tx;

    public JooqRunRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Run r, List<Pending> pending) {
        tx.inOrgRun(r.orgId(), dsl -> {
            dsl.insertInto(EVAL_RUNS)
                    .set(EVAL_RUNS.ID, r.id())
                    .set(EVAL_RUNS.ORG_ID, r.orgId())
                    .set(EVAL_RUNS.DATASET_ID, r.datasetId())
                    .set(EVAL_RUNS.DATASET_VERSION, r.datasetVersion())
                    .set(EVAL_RUNS.AGENT_ID, r.agentId())
                    .set(
                            EVAL_RUNS.AGENT_VERSIONS,
                            r.agentVersions().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .set(EVAL_RUNS.SCORERS, r.scorersJson())
                    .set(EVAL_RUNS.JUDGE_MODEL, r.judgeModel())
                    .set(EVAL_RUNS.CONCURRENCY, r.concurrency())
                    .set(EVAL_RUNS.STATUS, r.status().wire())
                    .set(EVAL_RUNS.TOTAL, r.total())
                    .set(EVAL_RUNS.DONE, r.done())
                    .set(EVAL_RUNS.ERRORS, r.errors())
                    .set(EVAL_RUNS.ATTEMPT, r.attempt())
                    .set(EVAL_RUNS.CREATED_AT, r.createdAt())
                    .set(EVAL_RUNS.UPDATED_AT, r.updatedAt())
                    .execute();
            var insert = dsl.insertInto(
                    EVAL_RESULTS,
                    EVAL_RESULTS.ORG_ID,
                    EVAL_RESULTS.RUN_ID,
                    EVAL_RESULTS.CASE_ID,
                    EVAL_RESULTS.AGENT_VERSION,
                    EVAL_RESULTS.POSITION,
                    EVAL_RESULTS.STATUS,
                    EVAL_RESULTS.UPDATED_AT);
            for (Pending p : pending) {
                insert = insert.values(
                        r.orgId(),
                        r.id(),
                        p.caseId(),
                        p.agentVersion(),
                        p.position(),
                        CaseResult.PENDING,
                        r.createdAt());
            }
            insert.execute();
        });
    }

    @Override
    public Optional<Run> find(String orgId, String id) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.selectFrom(EVAL_RUNS).where(EVAL_RUNS.ID.eq(id)).fetchOptional(JooqRunRepository::map));
    }

    @Override
    public Page<Run> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = DSL.trueCondition();
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = DSL.row(EVAL_RUNS.CREATED_AT, EVAL_RUNS.ID).lt(after.at(), after.id());
            }
            List<Run> rows = dsl.selectFrom(EVAL_RUNS)
                    .where(c)
                    .orderBy(EVAL_RUNS.CREATED_AT.desc(), EVAL_RUNS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqRunRepository::map);
            return Page.fromOverfetch(rows, page.limit(), r -> KeysetCursor.of(r.createdAt(), r.id()));
        });
    }

    @Override
    public Page<CaseResult> results(String orgId, String runId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = EVAL_RESULTS.RUN_ID.eq(runId);
            if (page.after() != null) {
                String[] parts = page.after().split("\\|", -1);
                try {
                    c = c.and(DSL.row(EVAL_RESULTS.POSITION, EVAL_RESULTS.AGENT_VERSION)
                            .gt(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new InvalidInputException("cursor", "is not a cursor this API returned");
                }
            }
            List<CaseResult> rows = dsl.selectFrom(EVAL_RESULTS)
                    .where(c)
                    .orderBy(EVAL_RESULTS.POSITION, EVAL_RESULTS.AGENT_VERSION)
                    .limit(page.limit() + 1)
                    .fetch(JooqRunRepository::map);
            return Page.fromOverfetch(rows, page.limit(), r -> r.position() + "|" + r.agentVersion());
        });
    }

    @Override
    public List<CaseResult> allResults(String orgId, String runId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_RESULTS)
                .where(EVAL_RESULTS.RUN_ID.eq(runId))
                .orderBy(EVAL_RESULTS.POSITION, EVAL_RESULTS.AGENT_VERSION)
                .fetch(JooqRunRepository::map));
    }

    @Override
    public List<CaseResult> pending(String orgId, String runId, int limit) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_RESULTS)
                .where(EVAL_RESULTS.RUN_ID.eq(runId), EVAL_RESULTS.STATUS.eq(CaseResult.PENDING))
                .orderBy(EVAL_RESULTS.POSITION, EVAL_RESULTS.AGENT_VERSION)
                .limit(limit)
                .fetch(JooqRunRepository::map));
    }

    @Override
    public void record(String orgId, CaseResult r) {
        tx.inOrgRun(orgId, dsl -> {
            int updated = dsl.update(EVAL_RESULTS)
                    .set(EVAL_RESULTS.STATUS, r.status())
                    .set(EVAL_RESULTS.PASSED, r.passed())
                    .set(EVAL_RESULTS.OUTPUT, r.output())
                    .set(EVAL_RESULTS.TURN_ID, r.turnId())
                    .set(EVAL_RESULTS.COST_MICROS, r.costMicros())
                    .set(EVAL_RESULTS.LATENCY_MS, r.latencyMs())
                    .set(EVAL_RESULTS.SCORES, JSON.writeValueAsString(r.scores()))
                    .set(EVAL_RESULTS.ERROR, r.error())
                    .set(EVAL_RESULTS.UPDATED_AT, r.updatedAt())
                    .where(
                            EVAL_RESULTS.RUN_ID.eq(r.runId()),
                            EVAL_RESULTS.CASE_ID.eq(r.caseId()),
                            EVAL_RESULTS.AGENT_VERSION.eq(r.agentVersion()),
                            EVAL_RESULTS.STATUS.eq(CaseResult.PENDING))
                    .execute();
            if (updated == 1) {
                dsl.update(EVAL_RUNS)
                        .set(EVAL_RUNS.DONE, EVAL_RUNS.DONE.plus(1))
                        .set(
                                EVAL_RUNS.ERRORS,
                                CaseResult.ERROR.equals(r.status()) ? EVAL_RUNS.ERRORS.plus(1) : EVAL_RUNS.ERRORS)
                        .set(EVAL_RUNS.UPDATED_AT, r.updatedAt())
                        .where(EVAL_RUNS.ID.eq(r.runId()))
                        .execute();
            }
        });
    }

    @Override
    public boolean transition(String orgId, String runId, List<RunStatus> from, RunStatus to, OffsetDateTime now) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(EVAL_RUNS)
                                .set(EVAL_RUNS.STATUS, to.wire())
                                .set(EVAL_RUNS.UPDATED_AT, now)
                                .where(
                                        EVAL_RUNS.ID.eq(runId),
                                        EVAL_RUNS.STATUS.in(from.stream()
                                                .map(RunStatus::wire)
                                                .toList()))
                                .execute()
                        == 1);
    }

    @Override
    public int resetErrors(String orgId, String runId, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> {
            int reset = dsl.update(EVAL_RESULTS)
                    .set(EVAL_RESULTS.STATUS, CaseResult.PENDING)
                    .set(EVAL_RESULTS.ERROR, (String) null)
                    .set(EVAL_RESULTS.UPDATED_AT, now)
                    .where(EVAL_RESULTS.RUN_ID.eq(runId), EVAL_RESULTS.STATUS.eq(CaseResult.ERROR))
                    .execute();
            if (reset > 0) {
                dsl.update(EVAL_RUNS)
                        .set(EVAL_RUNS.STATUS, RunStatus.QUEUED.wire())
                        .set(EVAL_RUNS.DONE, EVAL_RUNS.DONE.minus(reset))
                        .set(EVAL_RUNS.ERRORS, EVAL_RUNS.ERRORS.minus(reset))
                        .set(EVAL_RUNS.ATTEMPT, EVAL_RUNS.ATTEMPT.plus(1))
                        .set(EVAL_RUNS.UPDATED_AT, now)
                        .where(EVAL_RUNS.ID.eq(runId))
                        .execute();
            }
            return reset;
        });
    }

    @Override
    public List<RunRef> claim(int limit, Duration lease) {
        return tx.global(dsl -> dsl.resultQuery(
                        "select org_id, id from eval_runs_claim(?, ? * interval '1 millisecond')",
                        limit,
                        lease.toMillis())
                .fetch(r -> new RunRef(r.get(0, String.class), r.get(1, String.class))));
    }

    @Override
    public void renew(String orgId, String runId, Duration lease) {
        tx.inOrgRun(orgId, dsl -> dsl.update(EVAL_RUNS)
                .set(
                        EVAL_RUNS.LEASE_UNTIL,
                        DSL.field("now() + ? * interval '1 millisecond'", OffsetDateTime.class, lease.toMillis()))
                .where(EVAL_RUNS.ID.eq(runId))
                .execute());
    }

    @Override
    public void release(String orgId, String runId) {
        tx.inOrgRun(orgId, dsl -> dsl.update(EVAL_RUNS)
                .setNull(EVAL_RUNS.LEASE_UNTIL)
                .where(EVAL_RUNS.ID.eq(runId))
                .execute());
    }

    private static Run map(EvalRunsRecord r) {
        return new Run(
                r.getId(),
                r.getOrgId(),
                r.getDatasetId(),
                r.getDatasetVersion(),
                r.getAgentId(),
                Arrays.stream(r.getAgentVersions().split(","))
                        .map(Integer::valueOf)
                        .toList(),
                r.getScorers(),
                r.getJudgeModel(),
                r.getConcurrency(),
                RunStatus.of(r.getStatus()),
                r.getTotal(),
                r.getDone(),
                r.getErrors(),
                r.getAttempt(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }

    private static CaseResult map(EvalResultsRecord r) {
        return new CaseResult(
                r.getRunId(),
                r.getCaseId(),
                r.getAgentVersion(),
                r.getPosition(),
                r.getStatus(),
                r.getPassed(),
                r.getOutput(),
                r.getTurnId(),
                r.getCostMicros(),
                r.getLatencyMs(),
                r.getScores() == null ? List.of() : JSON.readValue(r.getScores(), SCORES),
                r.getError(),
                r.getUpdatedAt());
    }
}
