package dev.stoa.tools.events;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.port.AuditEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@link AuditEvents} through the transactional outbox on {@code stoa.audit.v1}. */
@Component
public final class OutboxAuditEvents implements AuditEvents {
    private final Outbox outbox;
    private final TenantTransactions tx;
    private final Clock clock;

    public OutboxAuditEvents(Outbox outbox, TenantTransactions tx, Clock clock) {
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void approvalRequested(Approval approval) {
        // requested by the agent's turn, not by a person: the actor is the agent
        append(approval, "tool_approval.requested", approval.agentId(), "agent");
    }

    @Override
    public void approvalDecided(Approval approval, String actorId, String actorType) {
        append(approval, "tool_approval." + approval.status(), actorId, actorType);
    }

    private void append(Approval approval, String action, String actorId, String actorType) {
        Instant now = clock.instant();
        AuditEvent event = AuditEvent.newBuilder()
                .setOrgId(approval.orgId())
                .setActorId(actorId)
                .setActorType(actorType)
                .setAction(action)
                .setTargetType("tool_approval")
                .setTargetId(approval.id())
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .putAllAttributes(Map.of(
                        "tool_id", approval.toolId(),
                        "tool_name", approval.toolName(),
                        "agent_id", approval.agentId(),
                        "turn_id", approval.turnId()))
                .build();
        tx.inOrgRun(
                approval.orgId(),
                dsl -> outbox.append(
                        dsl, Topics.AUDIT, approval.orgId(), "dev.stoa.audit." + action, approval.id(), event));
    }
}
