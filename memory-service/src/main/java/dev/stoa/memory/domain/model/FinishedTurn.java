package dev.stoa.memory.domain.model;

import java.time.OffsetDateTime;

/** A completed turn to extract facts from (the fields of {@code TurnFinished} that memory uses). */
public record FinishedTurn(
        String orgId,
        String agentId,
        String conversationId,
        String turnId,
        String userId,
        String kind,
        String outcome,
        String userMessage,
        String assistantMessage,
        OffsetDateTime finishedAt) {}
