package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.api.rest.ToolHealthViews.HealthEventView;
import dev.stoa.tools.api.rest.ToolHealthViews.ToolHealthList;
import dev.stoa.tools.api.rest.ToolHealthViews.ToolHealthView;
import dev.stoa.tools.domain.ToolHealth;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Tool health group: each tool's status now, and its changes. */
@RestController
@Tag(name = "Tool health")
public class ToolHealthController {
    private final ToolHealth health;

    public ToolHealthController(ToolHealth health) {
        this.health = health;
    }

    @GetMapping("/api/v1/tools/health")
    @Operation(
            operationId = "getToolsHealth",
            summary = "Get health status for all tools: healthy, degraded or down, with the reason.")
    public ToolHealthList all(Principal principal) {
        return new ToolHealthList(
                health.all(principal).stream().map(ToolHealthView::of).toList());
    }

    @GetMapping("/api/v1/tools/{tool_id}/health/history")
    @Operation(operationId = "getToolHealthHistory", summary = "Get health history for a tool (changes, newest first).")
    public PageResponse<HealthEventView> history(
            Principal principal,
            @PathVariable("tool_id") String toolId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                health.history(principal, toolId, PageRequest.of(limit, cursor)).map(HealthEventView::of));
    }
}
