package dev.stoa.monitoring.domain.model;

import org.jspecify.annotations.Nullable;

/** Which safety alerts a list or the stats cover; null fields do not filter. */
public record SafetyAlertFilter(
        TimeRange range,
        @Nullable String agentId,
        @Nullable String detector,
        @Nullable String surface,
        @Nullable String action) {}
