package dev.stoa.workflow.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.workflow.api.rest.WorkflowRequests.Execute;
import dev.stoa.workflow.api.rest.WorkflowRequests.HumanInput;
import dev.stoa.workflow.api.rest.WorkflowViews.RunView;
import dev.stoa.workflow.domain.RunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The Workflows group's runs: execute, list (waiting ones too), get a task run, cancel, human input. */
@RestController
@Validated
@Tag(name = "Workflows")
public class RunController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunService runs;

    public RunController(RunService runs) {
        this.runs = runs;
    }

    @PostMapping("/api/v1/workflows/{workflow_id}/execute")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "executeWorkflow",
            summary = "Run the workflow's latest version; steps run in the background.")
    public ResponseEntity<RunView> execute(
            Principal principal,
            @PathVariable("workflow_id") @Size(max = 40) String workflowId,
            @Valid @RequestBody(required = false) @Nullable Execute body) {
        var input = body == null || body.input() == null ? JSON.createObjectNode() : body.input();
        RunView view = RunView.of(runs.execute(principal, workflowId, input));
        return ResponseEntity.created(URI.create("/api/v1/task-runs/" + view.id()))
                .body(view);
    }

    @GetMapping("/api/v1/workflows/{workflow_id}/runs")
    @Operation(
            operationId = "listWorkflowRuns",
            summary = "List a workflow's runs, newest first (status=waiting: those waiting for input).")
    public PageResponse<RunView> list(
            Principal principal,
            @PathVariable("workflow_id") @Size(max = 40) String workflowId,
            @RequestParam(name = "status", required = false) @Nullable @Size(max = 16) String status,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(runs.list(principal, workflowId, status, PageRequest.of(limit, cursor))
                .map(RunView::of));
    }

    @GetMapping("/api/v1/task-runs/{run_id}")
    @Operation(operationId = "getTaskRun", summary = "Get a run with the state, output and error of each step.")
    public RunView get(Principal principal, @PathVariable("run_id") @Size(max = 40) String runId) {
        return RunView.of(runs.get(principal, runId));
    }

    @PostMapping("/api/v1/workflows/{workflow_id}/runs/{run_id}/cancel")
    @Operation(operationId = "cancelWorkflowRun", summary = "Cancel an active run; steps in flight are stopped.")
    @ProblemResponse(status = 409, description = "The run has already ended.")
    public RunView cancel(
            Principal principal,
            @PathVariable("workflow_id") @Size(max = 40) String workflowId,
            @PathVariable("run_id") @Size(max = 40) String runId) {
        RunService.RunDetail detail = runs.get(principal, runId);
        if (!detail.run().workflowId().equals(workflowId)) {
            throw new dev.stoa.common.error.NotFoundException("run", runId);
        }
        return RunView.of(runs.cancel(principal, runId));
    }

    @PostMapping("/api/v1/workflows/{workflow_id}/human-input")
    @Operation(operationId = "submitHumanInput", summary = "Resume a run waiting at a human-input step.")
    @ProblemResponse(status = 409, description = "The run is not waiting at that step.")
    @ProblemResponse(status = 422, description = "The input does not match the step's form (names the field).")
    public RunView humanInput(
            Principal principal,
            @PathVariable("workflow_id") @Size(max = 40) String workflowId,
            @Valid @RequestBody HumanInput body) {
        return RunView.of(runs.humanInput(principal, workflowId, body.runId(), body.stepId(), body.input()));
    }
}
