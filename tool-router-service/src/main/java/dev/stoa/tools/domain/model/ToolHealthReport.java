package dev.stoa.tools.domain.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A tool's health as the rule (docs/sdk-protocol.md, "Tool health") computes it from the last calls, the live sessions
 * and their heartbeats.
 *
 * @param sessions live sessions serving the tool
 * @param recentCalls calls in the window the rule looks at
 * @param p95LatencyMs of those calls, 0 without calls
 */
public record ToolHealthReport(
        Tool tool,
        HealthStatus status,
        String reason,
        int sessions,
        int recentCalls,
        double failureRate,
        long p95LatencyMs,
        @Nullable Instant lastCallAt) {}
