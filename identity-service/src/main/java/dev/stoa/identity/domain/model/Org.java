package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;

/** A tenant. {@code settings} is a JSON object kept as text. */
public record Org(
        String id, String name, String slug, String settings, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
