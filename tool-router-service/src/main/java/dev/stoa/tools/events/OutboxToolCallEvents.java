package dev.stoa.tools.events;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.CallRecord;
import dev.stoa.tools.domain.port.ToolCallEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link ToolCallEvents} through the transactional outbox: {@code ToolCallEnded} on {@code stoa.toolcalls.v1}. A call's
 * end changes no state the event must be atomic with, so events are queued and written by one writer, many to a
 * transaction: the thread delivering results never waits for the database, and a burst of calls costs a few inserts
 * instead of one transaction each. A full queue (the database far behind) drops events, counted and logged.
 */
@Component
public final class OutboxToolCallEvents implements ToolCallEvents, AutoCloseable {
    static final int QUEUE = 20_000;
    static final int BATCH = 500;
    static final Duration LINGER = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(OutboxToolCallEvents.class);

    private final Outbox outbox;
    private final TenantTransactions tx;
    private final BlockingQueue<CallRecord> queue = new LinkedBlockingQueue<>(QUEUE);
    private final Counter dropped;
    private final Thread writer;
    private volatile boolean running = true;

    public OutboxToolCallEvents(Outbox outbox, TenantTransactions tx, MeterRegistry meters) {
        this.outbox = outbox;
        this.tx = tx;
        this.dropped = Counter.builder("stoa.tools.call_events.dropped")
                .description("tool-call events dropped because the database fell far behind")
                .register(meters);
        this.writer = Thread.ofVirtual().name("tool-call-events").start(this::write);
    }

    @Override
    public void callEnded(CallRecord call) {
        if (!queue.offer(call)) {
            dropped.increment();
        }
    }

    private void write() {
        List<CallRecord> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                CallRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // gather what arrives in the next few milliseconds too: one transaction per batch, not per call
                long until = System.nanoTime() + LINGER.toNanos();
                while (batch.size() < BATCH) {
                    queue.drainTo(batch, BATCH - batch.size());
                    long left = until - System.nanoTime();
                    CallRecord next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                Map<String, List<CallRecord>> byOrg = batch.stream().collect(Collectors.groupingBy(CallRecord::orgId));
                byOrg.forEach((org, calls) -> tx.inOrgRun(org, dsl -> calls.forEach(c -> append(dsl, c))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.increment(batch.size());
                log.warn("{} tool-call events not written: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued (bounded), then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(10));
    }

    private void append(DSLContext dsl, CallRecord call) {
        ToolCallEnded event = ToolCallEnded.newBuilder()
                .setOrgId(call.orgId())
                .setAgentId(call.context().agentId())
                .setConversationId(call.context().conversationId())
                .setTurnId(call.context().turnId())
                .setCallId(call.callId())
                .setToolId(call.toolId())
                .setToolName(call.toolName())
                .setSource(call.source())
                .setArgumentBytes(call.argumentBytes())
                .setArgumentsPreview(call.argumentsPreview())
                .setStatus(call.status())
                .setLatencyMs(
                        call.finishedAt().toEpochMilli() - call.startedAt().toEpochMilli())
                .setErrorCode(call.errorCode())
                .setStartedAt(timestamp(call.startedAt()))
                .setFinishedAt(timestamp(call.finishedAt()))
                .build();
        outbox.append(dsl, Topics.TOOL_CALLS, call.orgId(), "dev.stoa.tools.call_ended", call.toolId(), event);
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
