package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An A/B test of an agent: variant A ({@code versionA}, the current version when the test was created) against variant
 * B ({@code versionB}, routed {@code percent} % of new conversations through agent-service's canary). Live turns of
 * either version are sampled at {@code sampleRate} and judged with {@code rubric} by {@code judgeModel} (a JSON
 * selector); a judgement passes at {@code passThreshold}. The horizon and the test's level come from
 * {@code minDetectableEffect}, {@code minSamplesPerVariant} and {@code alpha}.
 */
public record AbTest(
        String id,
        String orgId,
        String agentId,
        String name,
        int versionA,
        int versionB,
        int percent,
        String rubric,
        String judgeModel,
        double sampleRate,
        double passThreshold,
        double minDetectableEffect,
        @Nullable Integer minSamplesPerVariant,
        double alpha,
        AbStatus status,
        @Nullable String promotedVariant,
        @Nullable Integer promotedVersion,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime endedAt) {

    /** The variant a turn of {@code version} belongs to ("a" or "b"), or null when it is neither. */
    public @Nullable String variantOf(int version) {
        if (version == versionA) {
            return "a";
        }
        return version == versionB ? "b" : null;
    }
}
