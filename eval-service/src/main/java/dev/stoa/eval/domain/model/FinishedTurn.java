package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;

/** A finished agent turn from {@code stoa.turns.v1}, as A/B tests and quality checks read it. */
public record FinishedTurn(
        String orgId,
        String agentId,
        int agentVersion,
        String conversationId,
        String turnId,
        String kind,
        String outcome,
        String userMessage,
        String assistantMessage,
        OffsetDateTime finishedAt) {}
