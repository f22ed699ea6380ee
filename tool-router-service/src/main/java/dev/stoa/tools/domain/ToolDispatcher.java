package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.Surface;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.model.CallOutcome;
import dev.stoa.tools.domain.model.CallRecord;
import dev.stoa.tools.domain.model.SdkMessage;
import dev.stoa.tools.domain.model.SelectedTool;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolFailure;
import dev.stoa.tools.domain.port.BuiltinTool;
import dev.stoa.tools.domain.port.ToolCallEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Dispatches tool calls to live SDK sessions (or runs built-in tools in process) and routes their results back. A
 * call's arguments are scanned under the agent's safety policy ({@link ToolSafety}: redacted or refused) and checked
 * against the tool's schema first, and its result is scanned before the caller sees it. Each call gets a router-wide
 * wire id (the model's call id is unique only within a turn); a result for an unknown wire id, or from a session the
 * call was not sent to, is ignored. A call in flight on a session that drops is retried on another session of the
 * connection when the tool is idempotent, and otherwise fails with {@code connection_lost}.
 */
@Service
public final class ToolDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ToolDispatcher.class);

    private final AgentTools agentTools;
    private final SdkSessions sessions;
    private final ToolCallEvents events;
    private final ToolHealth health;
    private final ToolApprovals approvals;
    private final ArgumentSchemas schemas;
    private final BuiltinTools builtins;
    private final McpLinks mcp;
    private final ToolSafety safety;
    private final Clock clock;
    private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();
    // Deadlines only: one timer thread, never blocked (firing a deadline just completes a call).
    private final ScheduledExecutorService timer;
    // Built-in tools block on I/O: one virtual thread per call.
    private final ExecutorService local = Executors.newVirtualThreadPerTaskExecutor();

    public ToolDispatcher(
            AgentTools agentTools,
            SdkSessions sessions,
            ToolCallEvents events,
            ToolHealth health,
            ToolApprovals approvals,
            ArgumentSchemas schemas,
            BuiltinTools builtins,
            McpLinks mcp,
            ToolSafety safety,
            Clock clock) {
        this.agentTools = agentTools;
        this.sessions = sessions;
        this.events = events;
        this.health = health;
        this.approvals = approvals;
        this.schemas = schemas;
        this.builtins = builtins;
        this.mcp = mcp;
        this.safety = safety;
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("tool-deadlines").factory());
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /**
     * Dispatches one call of the agent's tool {@code toolName}; the listener hears its lifecycle.
     *
     * @throws NotFoundException when the agent is unknown or may not use the tool
     * @throws InvalidInputException when the arguments are not a JSON object
     */
    public void invoke(
            Principal principal,
            CallContext context,
            String callerCallId,
            String toolName,
            String argumentsJson,
            int timeoutOverrideMs,
            CallListener listener) {
        String orgId = Access.read(principal);
        if (context.agentId().isBlank()) {
            throw new InvalidInputException("context.agent_id", "must not be blank");
        }
        if (callerCallId.isBlank() || callerCallId.length() > 128) {
            throw new InvalidInputException("call_id", "must be 1 to 128 characters");
        }
        if (!JsonText.isObject(argumentsJson)) {
            throw new InvalidInputException("arguments_json", "must be a JSON object");
        }
        SelectedTool tool = agentTools
                .tool(orgId, context.agentId(), toolName)
                .orElseThrow(() -> new NotFoundException("tool", toolName));
        dispatch(orgId, context, callerCallId, tool, argumentsJson, timeoutOverrideMs, listener);
    }

    /**
     * Dispatches one call of a tool the MCP gateway exposes (no agent: the endpoint's settings are the tool's own); it
     * goes the way of every call (safety, schema, events, health).
     */
    public void invokeExposed(
            String orgId,
            CallContext context,
            String callerCallId,
            Tool tool,
            String argumentsJson,
            CallListener listener) {
        if (!JsonText.isObject(argumentsJson)) {
            throw new InvalidInputException("arguments", "must be a JSON object");
        }
        SelectedTool selected = new SelectedTool(
                tool, tool.definition().timeoutMs(), false, 0, AgentTools.REASON_ALLOWED, VIA_MCP_ENDPOINT, null);
        dispatch(orgId, context, callerCallId, selected, argumentsJson, 0, listener);
    }

    /** What brought a tool the MCP gateway calls. */
    public static final String VIA_MCP_ENDPOINT = "mcp_endpoint";

    private void dispatch(
            String orgId,
            CallContext context,
            String callerCallId,
            SelectedTool tool,
            String argumentsJson,
            int timeoutOverrideMs,
            CallListener listener) {
        int timeoutMs = timeoutOverrideMs > 0 ? Math.min(timeoutOverrideMs, tool.timeoutMs()) : tool.timeoutMs();
        // the policy is read once per call (from memory while fresh) and holds for its result too
        SafetyPolicy policy = safety.policyOf(orgId, context.agentId());
        ToolSafety.Checked arguments = safety.check(orgId, context, policy, Surface.TOOL_ARGUMENTS, argumentsJson);
        PendingCall call = new PendingCall(
                Ids.generate("tcl"),
                orgId,
                callerCallId,
                context,
                tool,
                arguments.json(),
                timeoutMs,
                listener,
                clock.instant(),
                policy);
        if (arguments.blocking() != null) {
            // refused before any approval or backend sees the call; the event carries only the redacted preview
            finish(
                    call,
                    CallOutcome.failed(
                            "failed",
                            ToolSafety.BLOCKED,
                            arguments.message(Surface.TOOL_ARGUMENTS),
                            false,
                            call.elapsedMillis()));
            return;
        }
        // what the tool will receive (redacted where the policy says) must still fit its schema
        Optional<String> violation = schemas.violation(tool.tool(), call.argumentsJson);
        if (violation.isPresent()) {
            // the model's mistake: answered here, before any approval or backend sees the call
            finish(
                    call,
                    CallOutcome.failed(
                            "failed",
                            "invalid_arguments",
                            "the arguments do not match the tool's schema at " + violation.get(),
                            false,
                            call.elapsedMillis()));
            return;
        }
        pending.put(call.wireId, call);
        if (tool.approvalRequired()) {
            awaitApproval(call);
        } else {
            start(call);
        }
    }

    private void start(PendingCall call) {
        call.deadline = timer.schedule(() -> timedOut(call), call.timeoutMs, TimeUnit.MILLISECONDS);
        call.listener.started(call.tool.tool().id(), call.tool.tool().source());
        send(call);
    }

    /** Holds the call until a person decides, the approval expires or the caller cancels. */
    private void awaitApproval(PendingCall call) {
        Approval approval = approvals.request(
                call.orgId, call.context, call.callerCallId, call.tool, JsonText.redactedPreview(call.argumentsJson));
        switch (approval.statusAt(clock.instant())) {
            case Approval.APPROVED -> start(call);
            case Approval.PENDING -> {
                call.approvalId = approval.id();
                approvals.await(approval.id(), decision -> {
                    call.approvalId = null;
                    if (Approval.APPROVED.equals(decision)) {
                        start(call);
                    } else {
                        rejected(call, "approval_rejected", "a person rejected the call");
                    }
                });
                long wait = Math.max(0, approval.expiresAt().toInstant().toEpochMilli() - clock.millis());
                call.deadline = timer.schedule(
                        () -> {
                            if (call.approvalId != null && !call.done.get()) {
                                approvals.end(call.orgId, approval.id(), Approval.EXPIRED);
                                rejected(call, "approval_expired", "nobody approved the call in time");
                            }
                        },
                        wait,
                        TimeUnit.MILLISECONDS);
                call.listener.awaitingApproval(
                        approval.id(), approval.expiresAt().toInstant());
            }
            case Approval.EXPIRED -> rejected(call, "approval_expired", "nobody approved the call in time");
            default -> rejected(call, "approval_rejected", "a person rejected the call");
        }
    }

    private void rejected(PendingCall call, String code, String message) {
        finish(call, CallOutcome.failed("rejected", code, message, false, call.elapsedMillis()));
    }

    /** A result from an SDK session; false when the call is unknown there (ignored, counted by the caller). */
    public boolean onResult(SdkSession from, String wireId, String resultJson) {
        return ownCall(from, wireId)
                .map(call -> finish(call, resultOf(call, resultJson)))
                .orElse(false);
    }

    /** An error from an SDK session; false when the call is unknown there. */
    public boolean onError(SdkSession from, String wireId, String code, String message, boolean retryable) {
        return ownCall(from, wireId)
                .map(call -> finish(
                        call,
                        CallOutcome.failed(
                                "failed",
                                code.isBlank() ? "tool_failed" : code,
                                message,
                                retryable,
                                call.elapsedMillis())))
                .orElse(false);
    }

    /** Progress from an SDK session; false when the call is unknown there. */
    public boolean onProgress(SdkSession from, String wireId, double fraction, String message) {
        Optional<PendingCall> call = ownCall(from, wireId);
        call.ifPresent(c -> c.listener.progress(fraction, message));
        return call.isPresent();
    }

    /** A session ended: its calls move to another session (idempotent tools) or fail with connection_lost. */
    public void sessionClosed(SdkSession session) {
        sessions.remove(session);
        for (PendingCall call : List.copyOf(pending.values())) {
            if (call.session == session && !call.done.get()) {
                if (call.tool.tool().definition().idempotent()) {
                    send(call);
                } else {
                    finish(
                            call,
                            CallOutcome.failed(
                                    "failed",
                                    "connection_lost",
                                    "the connection serving the tool dropped during the call",
                                    true,
                                    call.elapsedMillis()));
                }
            }
        }
        health.sessionChanged(session);
    }

    /** Cancels the caller's call {@code callerCallId} of {@code turnId}; false when none is in flight. */
    public boolean cancel(Principal principal, String callerCallId, String turnId) {
        String orgId = Access.read(principal);
        for (PendingCall call : pending.values()) {
            if (call.orgId.equals(orgId)
                    && call.callerCallId.equals(callerCallId)
                    && call.context.turnId().equals(turnId)) {
                SdkSession session = call.session;
                String approvalId = call.approvalId;
                if (approvalId != null) {
                    approvals.end(orgId, approvalId, Approval.CANCELLED);
                }
                boolean cancelled = finish(
                        call,
                        CallOutcome.failed(
                                "cancelled", "cancelled", "the call was cancelled", false, call.elapsedMillis()));
                if (cancelled && session != null) {
                    session.send(new SdkMessage.Cancel(call.wireId, "cancelled"));
                }
                return cancelled;
            }
        }
        return false;
    }

    /** Calls in flight (for metrics and tests). */
    public int inFlight() {
        return pending.size();
    }

    private void send(PendingCall call) {
        if (call.tool.tool().builtin()) {
            BuiltinTool builtin = builtins.implementation(call.tool.tool());
            runLocal(call, builtin::run);
            return;
        }
        if (call.tool.tool().mcp()) {
            // the MCP server's progress notifications reach the caller as the SDK's do
            runLocal(call, (arguments, left) -> mcp.call(call.tool.tool(), arguments, left, call.listener::progress));
            return;
        }
        String connectionId = call.tool.tool().connectionId();
        Optional<SdkSession> session =
                sessions.pick(call.orgId, connectionId, call.tool.tool().name(), call.tried);
        if (session.isEmpty()) {
            boolean lost = !call.tried.isEmpty();
            finish(
                    call,
                    CallOutcome.failed(
                            "failed",
                            lost ? "connection_lost" : "tool_unavailable",
                            lost
                                    ? "the connection serving the tool dropped during the call"
                                    : "no connected backend serves this tool now",
                            true,
                            call.elapsedMillis()));
            return;
        }
        call.session = session.get();
        call.tried.add(session.get().id());
        int remaining = (int) Math.max(1, call.timeoutMs - call.elapsedMillis());
        if (!session.get()
                .send(new SdkMessage.Call(call.wireId, call.tool.tool().name(), call.argumentsJson, remaining))) {
            sessionClosed(session.get());
        }
    }

    /**
     * Runs a built-in tool in this process, or an MCP tool through this process's client of its server, on a virtual
     * thread; the call's deadline, cancel and outcome work as for a backend's (a cancel interrupts the thread, which
     * stops waiting for the server).
     */
    private void runLocal(PendingCall call, BuiltinTool.Runner runner) {
        call.local = local.submit(() -> {
            CallOutcome outcome;
            try {
                Duration left = Duration.ofMillis(Math.max(1, call.timeoutMs - call.elapsedMillis()));
                outcome = resultOf(call, runner.run(call.argumentsJson, left));
            } catch (ToolFailure e) {
                outcome = CallOutcome.failed(
                        "failed", e.code(), String.valueOf(e.getMessage()), e.retryable(), call.elapsedMillis());
            } catch (RuntimeException e) {
                log.warn(
                        "{} tool {} failed: {}",
                        call.tool.tool().source(),
                        call.tool.tool().name(),
                        e.toString());
                outcome = CallOutcome.failed("failed", "tool_failed", "the tool failed", true, call.elapsedMillis());
            }
            finish(call, outcome);
        });
    }

    /** A result as the caller may see it: scanned under the call's policy, redacted, or refused as a whole. */
    private CallOutcome resultOf(PendingCall call, String resultJson) {
        ToolSafety.Checked result =
                safety.check(call.orgId, call.context, call.policy, Surface.TOOL_RESULTS, resultJson);
        return result.blocking() == null
                ? CallOutcome.succeeded(result.json(), call.elapsedMillis())
                : CallOutcome.failed(
                        "failed",
                        ToolSafety.BLOCKED,
                        result.message(Surface.TOOL_RESULTS),
                        false,
                        call.elapsedMillis());
    }

    private void timedOut(PendingCall call) {
        SdkSession session = call.session;
        if (finish(
                        call,
                        CallOutcome.failed(
                                "timed_out",
                                "tool_timeout",
                                "the tool did not answer within " + call.timeoutMs + " ms",
                                true,
                                call.elapsedMillis()))
                && session != null) {
            session.send(new SdkMessage.Cancel(call.wireId, "timed_out"));
        }
    }

    private Optional<PendingCall> ownCall(SdkSession from, String wireId) {
        PendingCall call = pending.get(wireId);
        return call != null && call.session == from ? Optional.of(call) : Optional.empty();
    }

    private boolean finish(PendingCall call, CallOutcome outcome) {
        if (!call.done.compareAndSet(false, true)) {
            return false;
        }
        pending.remove(call.wireId);
        var deadline = call.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        try {
            call.listener.finished(outcome);
        } catch (RuntimeException e) {
            log.warn("the caller of tool call {} is gone: {}", call.wireId, e.toString());
        }
        ended(call, outcome);
        Future<?> running = call.local;
        if (running != null) {
            // a built-in still running (timed out, cancelled) stops; last, as it may be this very thread
            running.cancel(true);
        }
        return true;
    }

    private void ended(PendingCall call, CallOutcome outcome) {
        health.callEnded(call.tool.tool(), outcome);
        try {
            events.callEnded(new CallRecord(
                    call.orgId,
                    call.context,
                    call.callerCallId,
                    call.tool.tool().id(),
                    call.tool.tool().name(),
                    call.tool.tool().source(),
                    call.argumentsJson.length(),
                    JsonText.redactedPreview(call.argumentsJson),
                    outcome.status(),
                    outcome.errorCode() == null ? "" : outcome.errorCode(),
                    call.startedAt,
                    clock.instant()));
        } catch (RuntimeException e) {
            // The caller has its outcome; a lost event is logged (the outbox is down with the database).
            log.warn("tool call {} ended but its event could not be written: {}", call.wireId, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        local.shutdownNow();
    }
}
