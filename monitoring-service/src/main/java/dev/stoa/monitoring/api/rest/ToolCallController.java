package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.api.rest.MonitoringViews.ToolCallStatsView;
import dev.stoa.monitoring.api.rest.MonitoringViews.ToolCallView;
import dev.stoa.monitoring.domain.MonitoringQueries;
import dev.stoa.monitoring.domain.model.ToolCallFilter;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The org's tool-call log and its statistics (members and viewers; API keys need monitoring:read). */
@RestController
@Validated
@RequestMapping("/api/v1/monitoring/tool-calls")
@Tag(name = "Monitoring")
public class ToolCallController {
    private final MonitoringQueries queries;

    public ToolCallController(MonitoringQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(
            operationId = "listToolCalls",
            summary = "Tool calls that ended, newest first; from..to defaults to the last 24 hours, at most 31 days.")
    @ProblemResponse(status = 400, description = "A filter is invalid or the range is wider than 31 days.")
    public PageResponse<ToolCallView> list(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(min = 1, max = 128) String agentId,
            @RequestParam(name = "tool", required = false) @Nullable @Size(min = 1, max = 128) String tool,
            @RequestParam(name = "status", required = false)
                    @Nullable
                    @OneOf({"succeeded", "failed", "timed_out", "rejected", "cancelled"})
                    String status,
            @RequestParam(name = "conversation_id", required = false) @Nullable @Size(min = 1, max = 128)
                    String conversationId,
            @RequestParam(name = "from", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime to,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        ToolCallFilter filter =
                new ToolCallFilter(queries.toolCallRange(from, to), agentId, tool, status, conversationId);
        return PageResponse.of(queries.toolCalls(principal, filter, PageRequest.of(limit, cursor))
                .map(ToolCallView::of));
    }

    @GetMapping("/stats")
    @Operation(
            operationId = "getToolCallStats",
            summary = "Counts, error rate and p50/p95 latency of tool calls, in all and per tool and agent, over"
                    + " from..to (default the last 24 hours, at most 31 days).")
    @ProblemResponse(status = 400, description = "A filter is invalid or the range is wider than 31 days.")
    public ToolCallStatsView stats(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(min = 1, max = 128) String agentId,
            @RequestParam(name = "tool", required = false) @Nullable @Size(min = 1, max = 128) String tool,
            @RequestParam(name = "from", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime to) {
        ToolCallFilter filter = new ToolCallFilter(queries.toolCallRange(from, to), agentId, tool, null, null);
        return ToolCallStatsView.of(queries.toolCallStats(principal, filter));
    }
}
