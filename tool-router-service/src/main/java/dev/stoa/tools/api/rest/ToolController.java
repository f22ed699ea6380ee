package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.tools.api.rest.ToolRequests.PreviewTools;
import dev.stoa.tools.api.rest.ToolRequests.UpdateToolConfig;
import dev.stoa.tools.api.rest.ToolViews.AgentToolList;
import dev.stoa.tools.api.rest.ToolViews.AgentToolView;
import dev.stoa.tools.api.rest.ToolViews.ToolConfigView;
import dev.stoa.tools.api.rest.ToolViews.ToolList;
import dev.stoa.tools.api.rest.ToolViews.ToolPreview;
import dev.stoa.tools.api.rest.ToolViews.ToolView;
import dev.stoa.tools.domain.AgentTools;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The agent tools rows of the Agents group, and the org's registered tools. */
@RestController
public class ToolController {
    private final AgentTools tools;

    public ToolController(AgentTools tools) {
        this.tools = tools;
    }

    @GetMapping("/api/v1/agents/{agent_id}/tools")
    @Tag(name = "Agents")
    @Operation(operationId = "listAgentTools", summary = "List tools assigned to an agent.")
    public AgentToolList agentTools(Principal principal, @PathVariable("agent_id") String agentId) {
        return new AgentToolList(tools.tools(principal, agentId).stream()
                .map(t -> AgentToolView.of(t, tools.online(t.tool())))
                .toList());
    }

    @GetMapping("/api/v1/agents/{agent_id}/tool-config")
    @Tag(name = "Agents")
    @Operation(operationId = "getAgentToolConfig", summary = "Get agent tool config (smart selection, allowlist).")
    public ToolConfigView config(Principal principal, @PathVariable("agent_id") String agentId) {
        return ToolConfigView.of(tools.config(principal, agentId));
    }

    @PatchMapping("/api/v1/agents/{agent_id}/tool-config")
    @Tag(name = "Agents")
    @Operation(operationId = "updateAgentToolConfig", summary = "Update agent tool config.")
    public ToolConfigView update(
            Principal principal, @PathVariable("agent_id") String agentId, @Valid @RequestBody UpdateToolConfig body) {
        return ToolConfigView.of(tools.updateConfig(principal, agentId, body.toChange()));
    }

    @PostMapping("/api/v1/agents/{agent_id}/tools/preview")
    @Tag(name = "Agents")
    @Operation(
            operationId = "previewAgentTools",
            summary =
                    "Preview tool selection for a given query: every allowed tool with its score and whether it is picked.")
    public ToolPreview preview(
            Principal principal, @PathVariable("agent_id") String agentId, @Valid @RequestBody PreviewTools body) {
        boolean smart = tools.config(principal, agentId).smartSelection();
        return new ToolPreview(
                smart,
                tools.preview(principal, agentId, body.query(), body.topK()).stream()
                        .map(t -> AgentToolView.of(t, tools.online(t.tool())))
                        .toList());
    }

    @GetMapping("/api/v1/tools")
    @Tag(name = "Tool health")
    @Operation(
            operationId = "listTools",
            summary = "List the org's tools registered by connected backends, and whether each is online.")
    public ToolList orgTools(Principal principal) {
        return new ToolList(tools.orgTools(principal).stream()
                .map(t -> ToolView.of(t, tools.online(t)))
                .toList());
    }
}
