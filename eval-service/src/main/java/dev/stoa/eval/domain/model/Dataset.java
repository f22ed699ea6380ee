package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;

/** An eval dataset; {@code version} is its latest case-list version (1 when created, + 1 per change to its cases). */
public record Dataset(
        String id,
        String orgId,
        String name,
        String description,
        int version,
        int caseCount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
