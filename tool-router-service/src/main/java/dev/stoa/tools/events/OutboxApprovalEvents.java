package dev.stoa.tools.events;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.port.ApprovalEvents;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/** {@link ApprovalEvents} through the transactional outbox: {@code ApprovalRequested} on {@code stoa.approvals.v1}. */
@Component
public final class OutboxApprovalEvents implements ApprovalEvents {
    static final int PREVIEW_MAX = 256;

    private final Outbox outbox;
    private final TenantTransactions tx;

    public OutboxApprovalEvents(Outbox outbox, TenantTransactions tx) {
        this.outbox = outbox;
        this.tx = tx;
    }

    @Override
    public void requested(Approval approval) {
        String preview = approval.argumentsPreview();
        ApprovalRequested event = ApprovalRequested.newBuilder()
                .setOrgId(approval.orgId())
                .setApprovalId(approval.id())
                .setKind("tool_call")
                .setAgentId(approval.agentId())
                .setConversationId(approval.conversationId())
                .setTurnId(approval.turnId())
                .setToolId(approval.toolId())
                .setToolName(approval.toolName())
                // already a shape (names, kinds, sizes) of the redacted arguments, never a value; capped as the proto
                // says
                .setArgumentsPreview(preview.length() > PREVIEW_MAX ? preview.substring(0, PREVIEW_MAX) : preview)
                .setRequestedAt(timestamp(approval.requestedAt()))
                .setExpiresAt(timestamp(approval.expiresAt()))
                .build();
        tx.inOrgRun(
                approval.orgId(),
                dsl -> outbox.append(
                        dsl,
                        Topics.APPROVALS,
                        approval.orgId(),
                        "dev.stoa.tools.approval_requested",
                        approval.id(),
                        event));
    }

    private static Timestamp timestamp(OffsetDateTime at) {
        return Timestamp.newBuilder()
                .setSeconds(at.toEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
