package dev.stoa.monitoring.api.rest;

import dev.stoa.monitoring.domain.MonitoringQueries.CostSummary;
import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.CostGroup;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.ToolCallStats;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Response bodies of the monitoring and audit-log endpoints. */
public final class MonitoringViews {
    private MonitoringViews() {}

    /**
     * One tool call that ended.
     *
     * @param status {@code succeeded}, {@code failed}, {@code timed_out}, {@code rejected} or {@code cancelled}
     * @param source {@code sdk}, {@code builtin} or {@code mcp}
     * @param errorCode empty unless the call did not succeed
     * @param argumentsPreview argument names and value shapes, secrets and PII redacted; never the values
     */
    public record ToolCallView(
            String id,
            String agentId,
            String conversationId,
            String turnId,
            String callId,
            String toolId,
            String toolName,
            String source,
            String status,
            String errorCode,
            long latencyMs,
            int argumentBytes,
            String argumentsPreview,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt) {
        static ToolCallView of(ToolCall c) {
            return new ToolCallView(
                    c.id(),
                    c.agentId(),
                    c.conversationId(),
                    c.turnId(),
                    c.callId(),
                    c.toolId(),
                    c.toolName(),
                    c.source(),
                    c.status(),
                    c.errorCode(),
                    c.latencyMs(),
                    c.argumentBytes(),
                    c.argumentsPreview(),
                    c.startedAt(),
                    c.endedAt());
        }
    }

    /**
     * Counts and latency of a group of tool calls.
     *
     * @param key the tool name or agent id (empty for the total)
     * @param errors calls that did not succeed (failed, timed out, rejected or cancelled)
     * @param errorRate errors / calls, 0 without calls
     * @param p50LatencyMs median latency (continuous percentile), 0 without calls
     */
    public record StatsGroupView(
            String key, long calls, long errors, double errorRate, double p50LatencyMs, double p95LatencyMs) {
        static StatsGroupView of(ToolCallStats.Group g) {
            return new StatsGroupView(
                    g.key(), g.calls(), g.errors(), g.errorRate(), g.p50LatencyMs(), g.p95LatencyMs());
        }
    }

    /**
     * Tool calls that ended in {@code [from, to)}: all of them, per tool and per agent (busiest first, at most 100).
     */
    public record ToolCallStatsView(
            OffsetDateTime from,
            OffsetDateTime to,
            StatsGroupView total,
            List<StatsGroupView> byTool,
            List<StatsGroupView> byAgent) {
        static ToolCallStatsView of(ToolCallStats s) {
            return new ToolCallStatsView(
                    s.range().from(),
                    s.range().to(),
                    StatsGroupView.of(s.total()),
                    s.byTool().stream().map(StatsGroupView::of).toList(),
                    s.byAgent().stream().map(StatsGroupView::of).toList());
        }
    }

    /**
     * Spend of one group.
     *
     * @param key the UTC day ({@code YYYY-MM-DD}), agent id or model, after {@code group_by}; empty for the total
     * @param providerId the model's provider when grouped by model, else empty
     * @param costMicros in the catalog's prices, micro-USD
     */
    public record CostGroupView(
            String key,
            String providerId,
            long turns,
            long failedTurns,
            long inputTokens,
            long outputTokens,
            long costMicros) {
        static CostGroupView of(CostGroup g) {
            return new CostGroupView(
                    g.key(),
                    g.providerId(),
                    g.turns(),
                    g.failedTurns(),
                    g.inputTokens(),
                    g.outputTokens(),
                    g.costMicros());
        }
    }

    /**
     * The org's spend over the UTC days {@code from..to} (inclusive).
     *
     * @param groupBy {@code day}, {@code agent} or {@code model}
     */
    public record CostsView(
            LocalDate from, LocalDate to, String groupBy, CostGroupView total, List<CostGroupView> groups) {
        static CostsView of(CostSummary s) {
            return new CostsView(
                    s.from(),
                    s.to(),
                    s.grouping().name().toLowerCase(Locale.ROOT),
                    CostGroupView.of(s.total()),
                    s.groups().stream().map(CostGroupView::of).toList());
        }
    }

    /**
     * Who did what to which resource, when and from where.
     *
     * @param actorType {@code user}, {@code api_key}, {@code service} or {@code anonymous}
     * @param action dotted verb, e.g. {@code api_key.created}
     * @param ip the caller's address, empty when unknown
     * @param attributes action-specific facts (never secrets)
     * @param source the service that reported it
     */
    public record AuditLogView(
            String id,
            String actorId,
            String actorType,
            String action,
            String resourceType,
            String resourceId,
            OffsetDateTime occurredAt,
            String requestId,
            String ip,
            Map<String, String> attributes,
            String source) {
        static AuditLogView of(AuditEntry e) {
            return new AuditLogView(
                    e.id(),
                    e.actorId(),
                    e.actorType(),
                    e.action(),
                    e.targetType(),
                    e.targetId(),
                    e.occurredAt(),
                    e.requestId(),
                    e.ip(),
                    e.attributes(),
                    e.source());
        }
    }
}
