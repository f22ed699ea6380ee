package dev.stoa.workflow.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.workflow.api.rest.WorkflowRequests.CreateWorkflow;
import dev.stoa.workflow.api.rest.WorkflowRequests.UpdateWorkflow;
import dev.stoa.workflow.api.rest.WorkflowViews.WorkflowView;
import dev.stoa.workflow.domain.Schemas;
import dev.stoa.workflow.domain.WorkflowService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Workflows group's definitions: create, list, get, update (new version), delete, and the DAG's schema. */
@RestController
@Validated
@RequestMapping("/api/v1/workflows")
@Tag(name = "Workflows")
public class WorkflowController {
    private final WorkflowService workflows;

    public WorkflowController(WorkflowService workflows) {
        this.workflows = workflows;
    }

    @GetMapping(path = "/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getWorkflowSchema", summary = "The JSON Schema (2020-12) of workflow definitions.")
    public String schema() {
        return Schemas.definitionSchema();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createWorkflow", summary = "Create a workflow (DAG definition), version 1.")
    @ProblemResponse(status = 422, description = "The DAG breaks a graph rule (names the step and the rule).")
    public ResponseEntity<WorkflowView> create(Principal principal, @Valid @RequestBody CreateWorkflow body) {
        WorkflowView view =
                WorkflowView.of(workflows.create(principal, body.name(), body.description(), body.definition()));
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + view.id()))
                .body(view);
    }

    @GetMapping
    @Operation(operationId = "listWorkflows", summary = "List workflows, newest first.")
    public PageResponse<WorkflowView> list(
            Principal principal,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                workflows.list(principal, PageRequest.of(limit, cursor)).map(WorkflowView::of));
    }

    @GetMapping("/{workflow_id}")
    @Operation(operationId = "getWorkflow", summary = "Get a workflow and its latest version.")
    public WorkflowView get(Principal principal, @PathVariable("workflow_id") @Size(max = 40) String id) {
        return WorkflowView.of(workflows.get(principal, id));
    }

    @PatchMapping("/{workflow_id}")
    @Operation(
            operationId = "updateWorkflow",
            summary =
                    "Update a workflow; a changed definition becomes a new version (runs keep the one they started on).")
    @ProblemResponse(status = 422, description = "The DAG breaks a graph rule (names the step and the rule).")
    public WorkflowView update(
            Principal principal,
            @PathVariable("workflow_id") @Size(max = 40) String id,
            @Valid @RequestBody UpdateWorkflow body) {
        return WorkflowView.of(workflows.update(principal, id, body.name(), body.description(), body.definition()));
    }

    @DeleteMapping("/{workflow_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteWorkflow", summary = "Delete a workflow (its runs stay readable).")
    public void delete(Principal principal, @PathVariable("workflow_id") @Size(max = 40) String id) {
        workflows.delete(principal, id);
    }
}
