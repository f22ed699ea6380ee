package dev.stoa.monitoring.events;

import com.google.protobuf.Timestamp;
import dev.stoa.common.id.Ids;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.TurnCost;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.proto.events.v1.TurnFinished;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Event payloads to the domain's records. */
final class EventMapping {
    private EventMapping() {}

    static ToolCall toolCall(ReceivedEvent event, ToolCallEnded e) {
        OffsetDateTime ended = time(e.getFinishedAt(), event);
        OffsetDateTime started = e.hasStartedAt()
                ? time(e.getStartedAt(), event)
                : ended.minusNanos(Math.max(0, e.getLatencyMs()) * 1_000_000);
        return new ToolCall(
                Ids.generate("tcl"),
                e.getOrgId(),
                e.getAgentId(),
                e.getConversationId(),
                e.getTurnId(),
                e.getCallId(),
                e.getToolId(),
                e.getToolName(),
                e.getSource(),
                e.getStatus(),
                e.getErrorCode(),
                e.getLatencyMs(),
                e.getArgumentBytes(),
                e.getArgumentsPreview(),
                started,
                ended);
    }

    static TurnCost turnCost(ReceivedEvent event, TurnFinished e) {
        return new TurnCost(
                e.getOrgId(),
                e.getAgentId(),
                e.getProviderId(),
                e.getModel(),
                time(e.getFinishedAt(), event).toLocalDate(),
                !"completed".equals(e.getOutcome()),
                e.getInputTokens(),
                e.getOutputTokens(),
                e.getCostMicros(),
                e.getMonthlyBudgetMicros());
    }

    static AuditEntry auditEntry(ReceivedEvent event, AuditEvent e) {
        return new AuditEntry(
                Ids.generate("aud"),
                e.getOrgId(),
                e.getActorId(),
                e.getActorType().isEmpty() ? "anonymous" : e.getActorType(),
                e.getAction(),
                e.getTargetType(),
                e.getTargetId(),
                time(e.getOccurredAt(), event),
                e.getRequestId(),
                e.getIp(),
                e.getAttributesMap(),
                event.source());
    }

    /** The payload's time, else the envelope's, else now (an unset protobuf timestamp is the epoch). */
    private static OffsetDateTime time(Timestamp t, ReceivedEvent event) {
        if (t.getSeconds() != 0 || t.getNanos() != 0) {
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()), ZoneOffset.UTC);
        }
        OffsetDateTime envelope = event.time();
        return envelope != null ? envelope.withOffsetSameInstant(ZoneOffset.UTC) : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
