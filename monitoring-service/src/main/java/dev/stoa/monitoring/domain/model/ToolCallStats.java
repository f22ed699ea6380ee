package dev.stoa.monitoring.domain.model;

import java.util.List;

/**
 * Tool calls over a window: all of them, per tool and per agent.
 *
 * @param total every call in the window
 * @param byTool one group per tool name, busiest first
 * @param byAgent one group per agent, busiest first
 */
public record ToolCallStats(TimeRange range, Group total, List<Group> byTool, List<Group> byAgent) {

    /**
     * Counts and latency of a group of calls.
     *
     * @param key the tool name or agent id; empty for the total
     * @param errors calls that did not succeed (failed, timed out, rejected or cancelled)
     * @param p50LatencyMs median latency (continuous percentile), 0 without calls
     */
    public record Group(String key, long calls, long errors, double p50LatencyMs, double p95LatencyMs) {
        /** Share of calls that did not succeed, 0 without calls. */
        public double errorRate() {
            return calls == 0 ? 0 : (double) errors / calls;
        }
    }
}
