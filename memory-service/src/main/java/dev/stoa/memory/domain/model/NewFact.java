package dev.stoa.memory.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A fact to insert, with its embedding (unit length) and the turn that supports it. */
public record NewFact(
        String id,
        String agentId,
        String scopeKey,
        @Nullable String userId,
        String subject,
        String predicate,
        String object,
        String text,
        String category,
        double confidence,
        float[] embedding,
        OffsetDateTime validFrom,
        String conversationId,
        String turnId) {}
