package dev.stoa.workflow.domain;

import dev.stoa.workflow.domain.model.StepSpec;
import dev.stoa.workflow.domain.model.StepTask;
import dev.stoa.workflow.domain.port.StepCalls;
import dev.stoa.workflow.domain.port.StepCalls.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Does one step's work (outside any transaction): calls a peer, evaluates a condition, or starts a wait. */
final class StepPerformer {
    private static final Duration DEFAULT_INPUT_EXPIRY = Duration.ofDays(7);
    private static final int DEFAULT_MAP_CONCURRENCY = 4;
    /** One step's items share one task and one stored output: lists longer than this belong in sub-workflows. */
    private static final int MAX_MAP_ITEMS = 1_000;

    private final StepCalls calls;
    private final Clock clock;

    StepPerformer(StepCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    StepResult perform(StepTask task, StepSpec spec, ObjectNode context) {
        return perform(task, task.idempotencyKey(), spec, spec.config(), context);
    }

    private StepResult perform(StepTask task, String key, StepSpec spec, JsonNode c, ObjectNode context) {
        return switch (c.path("type").asString(spec.type())) {
            case StepSpec.AGENT ->
                of(calls.agentTurn(
                        task.orgId(),
                        c.path("agent_id").asString(),
                        c.path("agent_version").asInt(0),
                        Expressions.text(c.path("message").asString(), context),
                        key,
                        spec.timeout()));
            case StepSpec.TOOL ->
                of(calls.tool(
                        task.orgId(),
                        c.path("tool").asString(),
                        c.has("arguments")
                                ? Expressions.resolve(c.get("arguments"), context)
                                : Definitions.JSON.createObjectNode(),
                        key,
                        spec.timeout()));
            case StepSpec.HTTP ->
                of(calls.http(
                        c.path("method").asString("GET").toUpperCase(Locale.ROOT),
                        Expressions.text(c.path("url").asString(), context),
                        c.has("body") ? Expressions.resolve(c.get("body"), context) : null,
                        key,
                        spec.timeout()));
            case StepSpec.CONDITION -> condition(c, context);
            case StepSpec.MAP -> map(task, key, spec, c, context);
            case StepSpec.PARALLEL -> {
                // the join of a fan-out: the outputs of what it needs, by step id
                ObjectNode out = Definitions.JSON.createObjectNode();
                spec.needs()
                        .forEach(n -> out.set(n, context.path("steps").path(n).path("output")));
                yield StepResult.ok(out, null);
            }
            case StepSpec.DELAY -> {
                // the task was due only after the delay: waiting is done
                ObjectNode out = Definitions.JSON.createObjectNode();
                out.put("waited_seconds", c.path("seconds").asLong());
                yield StepResult.ok(out, null);
            }
            case StepSpec.HUMAN_INPUT ->
                StepResult.waitUntil(clock.instant()
                        .plus(
                                c.has("expires_in_seconds")
                                        ? Duration.ofSeconds(
                                                c.path("expires_in_seconds").asLong())
                                        : DEFAULT_INPUT_EXPIRY));
            default -> StepResult.failed("unknown step type " + spec.type(), false);
        };
    }

    /**
     * Runs the inner step once per item, at most {@code concurrency} at a time, each with the attempt's key and the
     * item's index (a revived attempt repeats the calls under the same keys, so peers replay their outcomes).
     */
    private StepResult map(StepTask task, String key, StepSpec spec, JsonNode c, ObjectNode context) {
        JsonNode items = Expressions.eval(c.path("items").asString(), context);
        if (!items.isArray()) {
            return StepResult.failed(
                    "map items are not a list: " + c.path("items").asString(), false);
        }
        JsonNode inner = c.path("step");
        Semaphore slots = new Semaphore(c.path("concurrency").asInt(DEFAULT_MAP_CONCURRENCY));
        List<Callable<StepResult>> calls = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode itemContext = context.deepCopy();
            itemContext.set("item", items.get(i));
            itemContext.put("index", i);
            String itemKey = key + ":" + i;
            calls.add(() -> {
                slots.acquire();
                try {
                    return perform(task, itemKey, spec, inner, itemContext);
                } finally {
                    slots.release();
                }
            });
        }
        ArrayNode outputs = Definitions.JSON.createArrayNode();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<StepResult> f : pool.invokeAll(calls)) {
                StepResult r = f.get();
                JsonNode output = r.output();
                if (output == null) {
                    return StepResult.failed("item " + outputs.size() + ": " + r.error(), r.retryable());
                }
                outputs.add(output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepResult.failed("map interrupted", true);
        } catch (ExecutionException e) {
            return StepResult.failed("map item failed: " + e.getCause(), false);
        }
        return StepResult.ok(outputs, null);
    }

    private static StepResult condition(JsonNode c, ObjectNode context) {
        JsonNode value = Expressions.eval(c.path("expression").asString(), context);
        @Nullable JsonNode expected = c.get("equals");
        boolean holds = expected == null ? Expressions.truthy(value) : expected.equals(value);
        ObjectNode out = Definitions.JSON.createObjectNode();
        out.set("value", value);
        out.put("result", holds);
        return StepResult.ok(out, Boolean.toString(holds));
    }

    private static StepResult of(Outcome outcome) {
        JsonNode output = outcome.output();
        if (output != null) {
            return StepResult.ok(output, null);
        }
        return StepResult.failed(outcome.error() == null ? "failed" : outcome.error(), outcome.retryable());
    }
}
