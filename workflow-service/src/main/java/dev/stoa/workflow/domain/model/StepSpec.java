package dev.stoa.workflow.domain.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One step of a definition: its id, type, the steps it waits for, its retry policy and timeout, the branches it may
 * take (step ids by branch name) and its type's own settings ({@code config}, the step's JSON object).
 */
public record StepSpec(
        String id,
        String type,
        List<String> needs,
        int maxAttempts,
        Duration backoff,
        double backoffMultiplier,
        Duration timeout,
        Map<String, String> branches,
        JsonNode config) {

    public static final String AGENT = "agent";
    public static final String TOOL = "tool";
    public static final String HTTP = "http";
    public static final String CONDITION = "condition";
    public static final String PARALLEL = "parallel";
    public static final String HUMAN_INPUT = "human_input";
    public static final String DELAY = "delay";
    public static final String MAP = "map";
    public static final String SUB_WORKFLOW = "sub_workflow";

    /** The wait before attempt {@code next} (2, 3, ...): the back-off times the multiplier per earlier retry. */
    public Duration backoffBefore(int next) {
        double factor = Math.pow(backoffMultiplier, Math.max(0, next - 2));
        return Duration.ofMillis((long) Math.min(
                (double) backoff.toMillis() * factor, Duration.ofHours(1).toMillis()));
    }
}
