package dev.stoa.workflow.store;

import static dev.stoa.workflow.store.jooq.Tables.WORKFLOW_RUNS;
import static dev.stoa.workflow.store.jooq.Tables.WORKFLOW_STEPS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepState;
import dev.stoa.workflow.domain.port.RunRepository;
import dev.stoa.workflow.store.jooq.tables.records.WorkflowRunsRecord;
import dev.stoa.workflow.store.jooq.tables.records.WorkflowStepsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Runs and step states in PostgreSQL. */
@Component
public final class JooqRunRepository implements RunRepository {
    private final TenantTransactions tx;

    public JooqRunRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Run run, List<StepState> steps) {
        tx.inOrgRun(run.orgId(), dsl -> {
            dsl.insertInto(WORKFLOW_RUNS).set(record(run)).execute();
            dsl.batchInsert(steps.stream().map(s -> record(run.orgId(), s)).toList())
                    .execute();
        });
    }

    @Override
    public Optional<Run> find(String orgId, String runId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(WORKFLOW_RUNS)
                .where(WORKFLOW_RUNS.ID.eq(runId))
                .fetchOptional(JooqRunRepository::map));
    }

    @Override
    public Optional<Run> lock(String orgId, String runId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(WORKFLOW_RUNS)
                .where(WORKFLOW_RUNS.ID.eq(runId))
                .forUpdate()
                .fetchOptional(JooqRunRepository::map));
    }

    @Override
    public List<StepState> steps(String orgId, String runId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(WORKFLOW_STEPS)
                .where(WORKFLOW_STEPS.RUN_ID.eq(runId))
                .fetch(JooqRunRepository::map));
    }

    @Override
    public void save(String orgId, Run run) {
        tx.inOrgRun(orgId, dsl -> dsl.update(WORKFLOW_RUNS)
                .set(WORKFLOW_RUNS.STATUS, run.status())
                .set(WORKFLOW_RUNS.OUTPUT, run.outputJson())
                .set(WORKFLOW_RUNS.ERROR, run.error())
                .set(WORKFLOW_RUNS.UPDATED_AT, run.updatedAt())
                .set(WORKFLOW_RUNS.FINISHED_AT, run.finishedAt())
                .where(WORKFLOW_RUNS.ID.eq(run.id()))
                .execute());
    }

    @Override
    public void save(String orgId, StepState s) {
        tx.inOrgRun(orgId, dsl -> dsl.update(WORKFLOW_STEPS)
                .set(record(orgId, s))
                .where(WORKFLOW_STEPS.RUN_ID.eq(s.runId()), WORKFLOW_STEPS.STEP_ID.eq(s.stepId()))
                .execute());
    }

    @Override
    public Optional<Run> child(String orgId, String parentRunId, String stepId, int attempt) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(WORKFLOW_RUNS)
                .where(
                        WORKFLOW_RUNS.PARENT_RUN_ID.eq(parentRunId),
                        WORKFLOW_RUNS.PARENT_STEP_ID.eq(stepId),
                        WORKFLOW_RUNS.PARENT_ATTEMPT.eq(attempt))
                .fetchOptional(JooqRunRepository::map));
    }

    @Override
    public List<Run> children(String orgId, String parentRunId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(WORKFLOW_RUNS)
                .where(WORKFLOW_RUNS.PARENT_RUN_ID.eq(parentRunId))
                .fetch(JooqRunRepository::map));
    }

    @Override
    public Page<Run> list(String orgId, String workflowId, @Nullable String status, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = WORKFLOW_RUNS.WORKFLOW_ID.eq(workflowId);
            if (status != null) {
                c = c.and(WORKFLOW_RUNS.STATUS.eq(status));
            }
            String after = page.after();
            if (after != null) {
                KeysetCursor k = KeysetCursor.parse(after);
                c = c.and(DSL.row(WORKFLOW_RUNS.CREATED_AT, WORKFLOW_RUNS.ID).lt(k.at(), k.id()));
            }
            List<Run> rows = dsl.selectFrom(WORKFLOW_RUNS)
                    .where(c)
                    .orderBy(WORKFLOW_RUNS.CREATED_AT.desc(), WORKFLOW_RUNS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqRunRepository::map);
            return Page.fromOverfetch(rows, page.limit(), r -> KeysetCursor.of(r.createdAt(), r.id()));
        });
    }

    private static WorkflowRunsRecord record(Run r) {
        WorkflowRunsRecord rec = new WorkflowRunsRecord();
        rec.setId(r.id());
        rec.setOrgId(r.orgId());
        rec.setWorkflowId(r.workflowId());
        rec.setWorkflowVersion(r.workflowVersion());
        rec.setStatus(r.status());
        rec.setInput(r.inputJson());
        rec.setOutput(r.outputJson());
        rec.setError(r.error());
        rec.setCreatedAt(r.createdAt());
        rec.setUpdatedAt(r.updatedAt());
        rec.setFinishedAt(r.finishedAt());
        Run.Parent parent = r.parent();
        if (parent != null) {
            rec.setParentRunId(parent.runId());
            rec.setParentStepId(parent.stepId());
            rec.setParentAttempt(parent.attempt());
        }
        return rec;
    }

    private static WorkflowStepsRecord record(String orgId, StepState s) {
        WorkflowStepsRecord rec = new WorkflowStepsRecord();
        rec.setOrgId(orgId);
        rec.setRunId(s.runId());
        rec.setStepId(s.stepId());
        rec.setStatus(s.status());
        rec.setAttempt(s.attempt());
        rec.setOutput(s.outputJson());
        rec.setError(s.error());
        rec.setBranch(s.branch());
        rec.setExpiresAt(s.expiresAt());
        rec.setStartedAt(s.startedAt());
        rec.setFinishedAt(s.finishedAt());
        return rec;
    }

    private static Run map(WorkflowRunsRecord r) {
        return new Run(
                r.getId(),
                r.getOrgId(),
                r.getWorkflowId(),
                r.getWorkflowVersion(),
                r.getStatus(),
                r.getInput(),
                r.getOutput(),
                r.getError(),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getFinishedAt(),
                r.getParentRunId() == null
                        ? null
                        : new Run.Parent(r.getParentRunId(), r.getParentStepId(), r.getParentAttempt()));
    }

    private static StepState map(WorkflowStepsRecord r) {
        return new StepState(
                r.getRunId(),
                r.getStepId(),
                r.getStatus(),
                r.getAttempt(),
                r.getOutput(),
                r.getError(),
                r.getBranch(),
                r.getExpiresAt(),
                r.getStartedAt(),
                r.getFinishedAt());
    }
}
