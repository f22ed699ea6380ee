package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;

/** A judge's verdict on one live turn of an A/B test's variant ("a" or "b"). */
public record Judgement(
        String testId,
        String turnId,
        String conversationId,
        String variant,
        int agentVersion,
        double score,
        boolean passed,
        String reasoning,
        OffsetDateTime judgedAt) {}
