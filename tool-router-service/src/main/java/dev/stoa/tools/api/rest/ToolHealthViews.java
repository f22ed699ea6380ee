package dev.stoa.tools.api.rest;

import dev.stoa.tools.domain.model.HealthEvent;
import dev.stoa.tools.domain.model.ToolHealthReport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Tool health endpoints. */
public final class ToolHealthViews {
    private ToolHealthViews() {}

    /**
     * A tool's health now.
     *
     * @param status {@code healthy}, {@code degraded} or {@code down}
     * @param sessions live connections serving it
     * @param recentCalls calls in the last 5 minutes (at most the last 50)
     */
    public record ToolHealthView(
            String toolId,
            String name,
            String sdkConnectionId,
            String status,
            String reason,
            int sessions,
            int recentCalls,
            double failureRate,
            long p95LatencyMs,
            @Nullable OffsetDateTime lastCallAt) {
        static ToolHealthView of(ToolHealthReport r) {
            return new ToolHealthView(
                    r.tool().id(),
                    r.tool().name(),
                    r.tool().connectionId(),
                    r.status().wire(),
                    r.reason(),
                    r.sessions(),
                    r.recentCalls(),
                    r.failureRate(),
                    r.p95LatencyMs(),
                    r.lastCallAt() == null ? null : r.lastCallAt().atOffset(ZoneOffset.UTC));
        }
    }

    /** The health of every tool of the org. */
    public record ToolHealthList(List<ToolHealthView> data) {}

    /** A change of a tool's status. */
    public record HealthEventView(String id, String status, String reason, OffsetDateTime at) {
        static HealthEventView of(HealthEvent e) {
            return new HealthEventView(e.id(), e.status().wire(), e.reason(), e.at());
        }
    }
}
