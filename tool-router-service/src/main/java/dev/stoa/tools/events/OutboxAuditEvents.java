package dev.stoa.tools.events;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.model.ToolGroup;
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

    @Override
    public void groupChanged(ToolGroup group, String change, String actorId, String actorType) {
        append(
                group.orgId(),
                "tool_group." + change,
                "tool_group",
                group.id(),
                actorId,
                actorType,
                Map.of(
                        "name",
                        group.name(),
                        "tools",
                        String.valueOf(group.tools().size())));
    }

    private void append(Approval approval, String action, String actorId, String actorType) {
        append(
                approval.orgId(),
                action,
                "tool_approval",
                approval.id(),
                actorId,
                actorType,
                Map.of(
                        "tool_id", approval.toolId(),
                        "tool_name", approval.toolName(),
                        "agent_id", approval.agentId(),
                        "turn_id", approval.turnId()));
    }

    private void append(
            String orgId,
            String action,
            String targetType,
            String targetId,
            String actorId,
            String actorType,
            Map<String, String> attributes) {
        Instant now = clock.instant();
        AuditEvent event = AuditEvent.newBuilder()
                .setOrgId(orgId)
                .setActorId(actorId)
                .setActorType(actorType)
                .setAction(action)
                .setTargetType(targetType)
                .setTargetId(targetId)
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .putAllAttributes(attributes)
                .build();
        tx.inOrgRun(orgId, dsl -> outbox.append(dsl, Topics.AUDIT, orgId, "dev.stoa.audit." + action, targetId, event));
    }
}
