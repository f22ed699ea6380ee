package dev.stoa.tools.domain;

import dev.stoa.safety.SafetyPolicy;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.model.SelectedTool;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** A call dispatched to an SDK session (or running in process) and not finished yet. */
final class PendingCall {
    final String wireId;
    final String orgId;
    final String callerCallId;
    final CallContext context;
    final SelectedTool tool;
    final String argumentsJson;
    final int timeoutMs;
    final CallListener listener;
    final Instant startedAt;
    final long startedNanos;
    /** The agent's safety policy when the call came: its arguments and its result are scanned under it. */
    final SafetyPolicy policy;

    final AtomicBoolean done = new AtomicBoolean();
    /** Sessions this call was sent to (a retry never goes back to one). */
    final Set<String> tried = ConcurrentHashMap.newKeySet();

    volatile @Nullable SdkSession session;
    /** The approval the call waits for, until it is decided. */
    volatile @Nullable String approvalId;

    volatile @Nullable ScheduledFuture<?> deadline;
    /** A built-in tool's run, while it runs. */
    volatile @Nullable Future<?> local;

    PendingCall(
            String wireId,
            String orgId,
            String callerCallId,
            CallContext context,
            SelectedTool tool,
            String argumentsJson,
            int timeoutMs,
            CallListener listener,
            Instant startedAt,
            SafetyPolicy policy) {
        this.wireId = wireId;
        this.orgId = orgId;
        this.callerCallId = callerCallId;
        this.context = context;
        this.tool = tool;
        this.argumentsJson = argumentsJson;
        this.timeoutMs = timeoutMs;
        this.listener = listener;
        this.startedAt = startedAt;
        this.startedNanos = System.nanoTime();
        this.policy = policy;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
