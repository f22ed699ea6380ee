package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;

/**
 * An agent's quality checks: when enabled, its completed turns are kept for run-now checks and a share
 * ({@code sampleRate}) is judged against {@code rubric} by {@code judgeModel} (a JSON selector) as they finish.
 */
public record QualityConfig(
        String orgId,
        String agentId,
        boolean enabled,
        double sampleRate,
        String rubric,
        String judgeModel,
        double passThreshold,
        String updatedBy,
        OffsetDateTime updatedAt) {}
