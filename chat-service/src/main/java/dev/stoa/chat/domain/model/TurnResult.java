package dev.stoa.chat.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * How a turn ended, as recorded on its row and published as {@code TurnFinished}.
 *
 * @param providerId the provider that answered (null when none did)
 * @param timeToFirstTokenMs null when no token arrived
 */
public record TurnResult(
        TurnStatus status,
        @Nullable String assistantMessage,
        @Nullable String errorCode,
        @Nullable String providerId,
        @Nullable String model,
        boolean fallbackTaken,
        long inputTokens,
        long outputTokens,
        long costMicros,
        int toolCalls,
        boolean stepLimitReached,
        @Nullable Long timeToFirstTokenMs,
        long latencyMs) {}
