package dev.stoa.tools.domain.model;

import java.time.Instant;

/**
 * A finished tool call, for the tool-call event; arguments only as their size and a redacted preview.
 *
 * @param status {@code succeeded}, {@code failed}, {@code timed_out}, {@code rejected} or {@code cancelled}
 * @param errorCode empty when it succeeded
 */
public record CallRecord(
        String orgId,
        CallContext context,
        String callId,
        String toolId,
        String toolName,
        String source,
        int argumentBytes,
        String argumentsPreview,
        String status,
        String errorCode,
        Instant startedAt,
        Instant finishedAt) {}
