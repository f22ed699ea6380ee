package dev.stoa.memoryclient;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One fact memory-service recalled for a turn: its sentence, category, the extractor's confidence and its similarity
 * to the message (0..1); {@code validFrom} is when it became true, null when memory did not say.
 */
public record RecalledFact(
        String id,
        String text,
        String category,
        double confidence,
        double score,
        @Nullable Instant validFrom) {}
