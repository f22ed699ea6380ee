package dev.stoa.chat.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A turn: the user's message and what came of it; {@code firstSeq} is where its events start in the log. */
public record Turn(
        String id,
        String orgId,
        String conversationId,
        String agentId,
        int agentVersion,
        String userId,
        TurnStatus status,
        @Nullable String idempotencyKey,
        String userMessage,
        @Nullable String assistantMessage,
        long firstSeq,
        @Nullable String errorCode,
        long costMicros,
        OffsetDateTime startedAt,
        @Nullable OffsetDateTime finishedAt) {}
