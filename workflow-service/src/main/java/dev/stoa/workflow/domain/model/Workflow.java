package dev.stoa.workflow.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A workflow and its latest version's definition (JSON text as the client sent it, validated). */
public record Workflow(
        String id,
        String orgId,
        String name,
        @Nullable String description,
        int version,
        String definitionJson,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
