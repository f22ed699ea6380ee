package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;

/** One judged turn of an agent: {@code source} is "live" (sampled as it finished) or "run" (a run-now check). */
public record QualityCheck(
        String id,
        String orgId,
        String agentId,
        int agentVersion,
        String turnId,
        String conversationId,
        double score,
        boolean passed,
        String reasoning,
        String source,
        OffsetDateTime judgedAt) {}
