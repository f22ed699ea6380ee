package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.EventTypes;
import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.providers.ToolCall;
import dev.stoa.providers.ToolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool half of a turn: the tools offered to the model, and a round of calls run in parallel (one virtual thread
 * each). A tool that fails, throws or outlives its timeout becomes an error result the model sees; the turn goes on.
 */
final class ToolLoop {
    private static final Logger log = LoggerFactory.getLogger(ToolLoop.class);
    static final String TOOL_TIMEOUT = "tool_timeout";
    static final String TOOL_FAILED = "tool_failed";

    private final ToolGateway gateway;
    private final Duration timeout;
    /** Calls in flight: call id → turn id. */
    private final Map<String, String> running = new ConcurrentHashMap<>();

    ToolLoop(ToolGateway gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    /** A finished call: what the model is told. */
    record Done(ToolCall call, ToolGateway.Outcome outcome) {
        String modelContent() {
            if (outcome.ok()) {
                return outcome.resultJson().isEmpty() ? "null" : outcome.resultJson();
            }
            ObjectNode error = EventLog.JSON.createObjectNode();
            error.putObject("error").put("code", outcome.errorCode()).put("message", outcome.errorMessage());
            return error.toString();
        }
    }

    /** The tools for this turn; none when tool-router cannot be reached (the turn then runs without tools). */
    List<ToolSpec> offered(ToolGateway.Call call, String query) {
        try {
            return gateway.select(call, query).stream()
                    .map(tool -> new ToolSpec(tool.name(), tool.description(), tool.inputSchemaJson()))
                    .toList();
        } catch (RuntimeException e) {
            log.warn("no tools for turn {}: {}", call.turnId(), e.getMessage());
            return List.of();
        }
    }

    /** Runs the calls in parallel and returns their results in the order the model asked for them. */
    List<Done> run(ToolGateway.Call call, List<ToolCall> calls, EventLog events, TurnHub.Live live) {
        List<Future<ToolGateway.Outcome>> futures = new ArrayList<>();
        List<Done> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ToolCall toolCall : calls) {
                futures.add(threads.submit(() -> invoke(call, toolCall, events)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < calls.size(); i++) {
                ToolCall toolCall = calls.get(i);
                ToolGateway.Outcome outcome = await(futures.get(i), deadline, toolCall, call);
                done.add(new Done(toolCall, outcome));
                ObjectNode data = events.data()
                        .put("call_id", toolCall.id())
                        .put("name", toolCall.name())
                        .put("status", outcome.ok() ? "ok" : "error")
                        .put("latency_ms", outcome.latencyMs());
                if (outcome.ok()) {
                    data.set("result", json(outcome.resultJson()));
                } else {
                    data.putObject("error").put("code", outcome.errorCode()).put("message", outcome.errorMessage());
                }
                if (!live.cancelled()) {
                    events.emit(EventTypes.TOOL_CALL_FINISHED, data);
                }
            }
            threads.shutdownNow();
        }
        return done;
    }

    private ToolGateway.Outcome invoke(ToolGateway.Call call, ToolCall toolCall, EventLog events) {
        long started = System.nanoTime();
        running.put(toolCall.id(), call.turnId());
        try {
            return gateway.invoke(call, toolCall, new ToolGateway.Listener() {
                @Override
                public void started(String toolId, String source) {
                    events.emit(
                            EventTypes.TOOL_CALL_STARTED,
                            events.data()
                                    .put("call_id", toolCall.id())
                                    .put("name", toolCall.name())
                                    .put("tool_id", toolId)
                                    .put("source", source));
                }

                @Override
                public void awaitingApproval(String approvalId, long expiresAtEpochMillis) {
                    events.emit(
                            EventTypes.TOOL_CALL_AWAITING_APPROVAL,
                            events.data()
                                    .put("call_id", toolCall.id())
                                    .put("approval_id", approvalId)
                                    .put("expires_at_epoch_millis", expiresAtEpochMillis));
                }
            });
        } catch (RuntimeException e) {
            log.warn("tool call {} ({}) failed: {}", toolCall.id(), toolCall.name(), e.getMessage());
            return ToolGateway.Outcome.failure(
                    TOOL_FAILED, "the tool could not be called", (System.nanoTime() - started) / 1_000_000);
        } finally {
            running.remove(toolCall.id());
        }
    }

    private ToolGateway.Outcome await(
            Future<ToolGateway.Outcome> future, long deadline, ToolCall toolCall, ToolGateway.Call call) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            cancel(call, toolCall.id());
            return ToolGateway.Outcome.failure(
                    TOOL_TIMEOUT, "the tool did not answer within " + timeout.toMillis() + " ms", timeout.toMillis());
        } catch (ExecutionException e) {
            return ToolGateway.Outcome.failure(TOOL_FAILED, "the tool could not be called", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolGateway.Outcome.failure(TOOL_FAILED, "the turn stopped waiting for the tool", 0);
        }
    }

    /** Cancels every call of the turn still running (the turn was cancelled). */
    void cancelAll(ToolGateway.Call call) {
        running.forEach((id, turnId) -> {
            if (turnId.equals(call.turnId())) {
                cancel(call, id);
            }
        });
    }

    private void cancel(ToolGateway.Call call, String callId) {
        try {
            gateway.cancel(call, callId);
        } catch (RuntimeException e) {
            log.debug("cancelling tool call {} failed: {}", callId, e.getMessage());
        }
    }

    /** A tool's JSON text as a node (a string node when it is not JSON). */
    static JsonNode json(String text) {
        try {
            return EventLog.JSON.readTree(text);
        } catch (JacksonException e) {
            return EventLog.JSON.getNodeFactory().stringNode(text);
        }
    }
}
