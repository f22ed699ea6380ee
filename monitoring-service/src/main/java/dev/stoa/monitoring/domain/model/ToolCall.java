package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;

/**
 * One tool call that ended, as its source reported it.
 *
 * @param status {@code succeeded}, {@code failed}, {@code timed_out}, {@code rejected} or {@code cancelled}
 * @param errorCode empty unless the call did not succeed
 * @param argumentsPreview the source's preview, already redacted (never the arguments themselves)
 */
public record ToolCall(
        String id,
        String orgId,
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
        OffsetDateTime endedAt) {}
