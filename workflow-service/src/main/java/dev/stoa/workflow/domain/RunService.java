package dev.stoa.workflow.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.workflow.domain.model.Definition;
import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepSpec;
import dev.stoa.workflow.domain.model.StepState;
import dev.stoa.workflow.domain.model.Workflow;
import dev.stoa.workflow.domain.port.RunRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Runs: execute a workflow's latest version, read runs and their steps, cancel, resume with human input. */
@Service
public final class RunService {
    private static final Set<String> STATUSES =
            Set.of(Run.RUNNING, Run.WAITING, Run.COMPLETED, Run.FAILED, Run.CANCELLED);

    private final WorkflowService workflows;
    private final RunRepository runs;
    private final StepEngine engine;
    private final Clock clock;

    public RunService(WorkflowService workflows, RunRepository runs, StepEngine engine, Clock clock) {
        this.workflows = workflows;
        this.runs = runs;
        this.engine = engine;
        this.clock = clock;
    }

    /** A run with the state of each step, in definition order. */
    public record RunDetail(Run run, List<StepState> steps) {}

    public Run execute(Principal principal, String workflowId, JsonNode input) {
        String org = Access.write(principal);
        Workflow w = workflows.find(org, workflowId);
        Definition d = engine.definition(org, w.id(), w.version());
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Run run = new Run(
                Ids.generate("wfrun"),
                org,
                w.id(),
                w.version(),
                Run.RUNNING,
                input.toString(),
                null,
                null,
                now,
                now,
                null,
                null);
        return engine.start(run, d);
    }

    public Page<Run> list(Principal principal, String workflowId, @Nullable String status, PageRequest page) {
        String org = Access.read(principal);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException(
                    "status",
                    "must be one of "
                            + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        workflows.find(org, workflowId);
        return runs.list(org, workflowId, status, page);
    }

    public RunDetail get(Principal principal, String runId) {
        String org = Access.read(principal);
        return detail(org, find(org, runId));
    }

    public RunDetail cancel(Principal principal, String runId) {
        String org = Access.write(principal);
        Run run = find(org, runId);
        if (!engine.cancel(org, run.id())) {
            throw new ConflictException(
                    "run_not_active",
                    "the run has already ended (" + find(org, runId).status() + ")");
        }
        return detail(org, find(org, runId));
    }

    /**
     * Resumes a run waiting at a human-input step: 409 when it is not waiting there, 422 naming the field when the
     * input breaks the step's form (nothing changes then).
     */
    public RunDetail humanInput(Principal principal, String workflowId, String runId, String stepId, JsonNode input) {
        String org = Access.write(principal);
        Run run = find(org, runId);
        if (!run.workflowId().equals(workflowId)) {
            throw new NotFoundException("run", runId);
        }
        StepSpec spec = engine.definition(org, run.workflowId(), run.workflowVersion())
                .step(stepId)
                .filter(s -> StepSpec.HUMAN_INPUT.equals(s.type()))
                .orElseThrow(() -> new InvalidInputException("step_id", "is not a human_input step of this run"));
        StepState state = runs.steps(org, runId).stream()
                .filter(s -> s.stepId().equals(stepId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("step", stepId));
        if (!StepState.WAITING.equals(state.status()) || !run.active()) {
            throw notWaiting(stepId);
        }
        Schemas.checkForm(Schemas.compile(spec.config().path("form").toString()).orElseThrow(), input, "input");
        if (!engine.submit(org, runId, stepId, state.attempt(), input)) {
            throw notWaiting(stepId);
        }
        return detail(org, find(org, runId));
    }

    private static ConflictException notWaiting(String stepId) {
        return new ConflictException("run_not_waiting", "the run is not waiting for input at step " + stepId);
    }

    private Run find(String org, String runId) {
        return runs.find(org, runId).orElseThrow(() -> new NotFoundException("run", runId));
    }

    private RunDetail detail(String org, Run run) {
        Definition d = engine.definition(org, run.workflowId(), run.workflowVersion());
        List<StepState> steps = runs.steps(org, run.id());
        List<StepState> ordered = d.steps().stream()
                .flatMap(spec -> steps.stream().filter(s -> s.stepId().equals(spec.id())))
                .toList();
        return new RunDetail(run, ordered);
    }
}
