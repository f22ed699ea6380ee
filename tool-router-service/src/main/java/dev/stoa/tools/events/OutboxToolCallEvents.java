package dev.stoa.tools.events;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.CallRecord;
import dev.stoa.tools.domain.port.ToolCallEvents;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** {@link ToolCallEvents} through the transactional outbox: {@code ToolCallEnded} on {@code stoa.toolcalls.v1}. */
@Component
public final class OutboxToolCallEvents implements ToolCallEvents {
    private final Outbox outbox;
    private final TenantTransactions tx;

    public OutboxToolCallEvents(Outbox outbox, TenantTransactions tx) {
        this.outbox = outbox;
        this.tx = tx;
    }

    @Override
    public void callEnded(CallRecord call) {
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
        tx.inOrgRun(
                call.orgId(),
                dsl -> outbox.append(
                        dsl, Topics.TOOL_CALLS, call.orgId(), "dev.stoa.tools.call_ended", call.toolId(), event));
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
