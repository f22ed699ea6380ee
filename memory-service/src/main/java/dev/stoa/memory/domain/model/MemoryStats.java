package dev.stoa.memory.domain.model;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An agent's memory in numbers: facts current and superseded, users, facts by category, extractions. */
public record MemoryStats(
        long currentFacts,
        long supersededFacts,
        long users,
        Map<String, Long> byCategory,
        @Nullable OffsetDateTime lastExtractionAt,
        long extractionsOk,
        long extractionsDeadLettered) {}
