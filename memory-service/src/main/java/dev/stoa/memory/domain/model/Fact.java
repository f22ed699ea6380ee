package dev.stoa.memory.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One fact (subject, predicate, object) in one scope, with the sentence recalled into prompts. {@code validTo} null:
 * currently valid; a superseded fact keeps {@code validTo} and {@code supersededBy} (its history).
 */
public record Fact(
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
        OffsetDateTime validFrom,
        @Nullable OffsetDateTime validTo,
        @Nullable String supersededBy,
        @Nullable Integer rating,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public boolean current() {
        return validTo == null;
    }

    /** Whether {@code other} states the same triple (case and spacing aside). */
    public boolean sameTriple(String otherSubject, String otherPredicate, String otherObject) {
        return norm(subject).equals(norm(otherSubject))
                && norm(predicate).equals(norm(otherPredicate))
                && norm(object).equals(norm(otherObject));
    }

    private static String norm(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
