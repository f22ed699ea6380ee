package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.api.rest.ToolRequests.CreateToolGroup;
import dev.stoa.tools.api.rest.ToolRequests.UpdateToolGroup;
import dev.stoa.tools.api.rest.ToolViews.ToolGroupView;
import dev.stoa.tools.domain.ToolGroups;
import dev.stoa.tools.domain.model.ToolGroup;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** The Tool groups group: named sets of tools an agent's tool config can name. */
@RestController
@RequestMapping("/api/v1/tools/groups")
@Tag(name = "Tool groups")
public class ToolGroupController {
    private final ToolGroups groups;

    public ToolGroupController(ToolGroups groups) {
        this.groups = groups;
    }

    @GetMapping
    @Operation(operationId = "listToolGroups", summary = "List tool groups.")
    public PageResponse<ToolGroupView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                groups.list(principal, PageRequest.of(limit, cursor)).map(ToolGroupView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createToolGroup",
            summary = "Create a tool group (admin): a name unique in the org and tool names (registered or not yet).")
    @ProblemResponse(status = 409, description = "tool_group_name_taken: the org already has a group of this name.")
    public ResponseEntity<ToolGroupView> create(Principal principal, @Valid @RequestBody CreateToolGroup body) {
        ToolGroup group = groups.create(
                principal, body.name(), body.description() == null ? "" : body.description(), body.tools());
        return ResponseEntity.created(URI.create("/api/v1/tools/groups/" + group.id()))
                .body(ToolGroupView.of(group));
    }

    @GetMapping("/{group_id}")
    @Operation(operationId = "getToolGroup", summary = "Get a tool group.")
    public ToolGroupView get(Principal principal, @PathVariable("group_id") String groupId) {
        return ToolGroupView.of(groups.get(principal, groupId));
    }

    @PatchMapping("/{group_id}")
    @Operation(
            operationId = "updateToolGroup",
            summary = "Update a tool group (admin); agents naming it get its new tools at once.")
    @ProblemResponse(status = 409, description = "tool_group_name_taken: the org already has a group of this name.")
    public ToolGroupView update(
            Principal principal, @PathVariable("group_id") String groupId, @Valid @RequestBody UpdateToolGroup body) {
        return ToolGroupView.of(groups.update(principal, groupId, body.name(), body.description(), body.tools()));
    }

    @DeleteMapping("/{group_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteToolGroup",
            summary = "Delete a tool group (admin); agents naming it lose the tools it brought.")
    public void delete(Principal principal, @PathVariable("group_id") String groupId) {
        groups.delete(principal, groupId);
    }
}
