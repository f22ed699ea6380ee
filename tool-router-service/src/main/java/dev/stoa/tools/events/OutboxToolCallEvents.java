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
import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * {@link ToolCallEvents} through the transactional outbox: {@code ToolCallEnded} on {@code stoa.toolcalls.v1}. A call's
 * end changes no state the event must be atomic with, so events are written in batches ({@link OutboxBatcher}): the
 * thread delivering results never waits for the database.
 */
@Component
public final class OutboxToolCallEvents implements ToolCallEvents, AutoCloseable {
    private final Outbox outbox;
    private final OutboxBatcher batcher;

    public OutboxToolCallEvents(Outbox outbox, TenantTransactions tx, MeterRegistry meters) {
        this.outbox = outbox;
        this.batcher = new OutboxBatcher(
                tx,
                "tool-call-events",
                Counter.builder("stoa.tools.call_events.dropped")
                        .description("tool-call events dropped because the database fell far behind")
                        .register(meters));
    }

    @Override
    public void callEnded(CallRecord call) {
        batcher.offer(call.orgId(), dsl -> append(dsl, call));
    }

    /** Writes what is queued (bounded), then stops. */
    @Override
    public void close() throws InterruptedException {
        batcher.close();
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
