package dev.stoa.memory.domain.model;

import org.jspecify.annotations.Nullable;

/** One fact as the extraction model proposed it (already checked for shape, not yet against the scope). */
public record ExtractedFact(
        String subject,
        String predicate,
        String object,
        String text,
        String category,
        double confidence,
        Action action,
        @Nullable String existingFactId) {

    /** What the model says the fact does to the existing ones. */
    public enum Action {
        ADD,
        MERGE,
        SUPERSEDE
    }
}
