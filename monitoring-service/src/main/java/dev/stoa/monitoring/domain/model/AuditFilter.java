package dev.stoa.monitoring.domain.model;

import org.jspecify.annotations.Nullable;

/** Which audit entries a list shows; null fields do not filter. */
public record AuditFilter(
        TimeRange range,
        @Nullable String actorId,
        @Nullable String action,
        @Nullable String targetType) {}
