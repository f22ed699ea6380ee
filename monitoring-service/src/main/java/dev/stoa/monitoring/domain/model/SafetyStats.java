package dev.stoa.monitoring.domain.model;

import java.util.Map;

/** Counts of the safety alerts of a window: in all, and per detector, action and surface (value order: most first). */
public record SafetyStats(
        TimeRange range,
        long total,
        Map<String, Long> byDetector,
        Map<String, Long> byAction,
        Map<String, Long> bySurface) {}
