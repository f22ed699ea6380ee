package dev.stoa.monitoring.events;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.monitoring.domain.EventIngest;
import dev.stoa.monitoring.domain.UnprocessableEventException;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.TurnCost;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.proto.events.v1.TurnFinished;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the platform's events in consumer group {@code monitoring} (replicas share the partitions). Each event's
 * effect commits with its id in {@code stoa_processed_events}, so a redelivery is counted once; an event that fails
 * is retried with back-off by the container's error handler, and one that cannot be read or processed goes to
 * {@code <topic>.dlt} (see {@code ConsumerErrorConfig}).
 */
@Component
public final class PipelineConsumers {
    static final String GROUP = "monitoring";

    private final EventIngest ingest;
    private final PipelineMetrics metrics;

    public PipelineConsumers(EventIngest ingest, PipelineMetrics metrics) {
        this.ingest = ingest;
        this.metrics = metrics;
    }

    @KafkaListener(id = "monitoring-toolcalls", topics = Topics.TOOL_CALLS, groupId = GROUP)
    public void onToolCall(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        ToolCallEnded call = payload(event, ToolCallEnded.parser());
        ToolCall mapped = EventMapping.toolCall(event, call);
        boolean first = ingest.toolCallEnded(event.id(), mapped, EventMapping.toolCallWebhook(event, call));
        metrics.recorded(record.topic(), first);
        if (first) {
            metrics.visible(record.topic(), event.time());
            metrics.toolCall(mapped);
        }
    }

    @KafkaListener(id = "monitoring-turns", topics = Topics.TURNS, groupId = GROUP)
    public void onTurn(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        TurnFinished turn = payload(event, TurnFinished.parser());
        TurnCost cost = EventMapping.turnCost(event, turn);
        boolean first = ingest.turnFinished(event.id(), cost, EventMapping.turnWebhook(event, turn));
        metrics.recorded(record.topic(), first);
        if (first) {
            metrics.visible(record.topic(), event.time());
            metrics.turn(cost);
        }
    }

    @KafkaListener(id = "monitoring-audit", topics = Topics.AUDIT, groupId = GROUP)
    public void onAudit(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        AuditEvent audit = payload(event, AuditEvent.parser());
        if (audit.getOrgId().isEmpty()) {
            // Nobody's org (e.g. a failed login of an unknown address): no org's audit log shows it.
            metrics.skipped(record.topic());
            return;
        }
        boolean first = ingest.audited(event.id(), EventMapping.auditEntry(event, audit));
        metrics.recorded(record.topic(), first);
        if (first) {
            metrics.visible(record.topic(), event.time());
        }
    }

    @KafkaListener(id = "monitoring-approvals", topics = Topics.APPROVALS, groupId = GROUP)
    public void onApproval(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        ApprovalRequested approval = payload(event, ApprovalRequested.parser());
        metrics.recorded(
                record.topic(), ingest.approvalRequested(event.id(), EventMapping.approvalWebhook(event, approval)));
    }

    /** A conversation deleted in chat: its tool calls are forgotten (idempotent, so a redelivery changes nothing). */
    @KafkaListener(id = "monitoring-conversations", topics = Topics.CONVERSATIONS, groupId = GROUP)
    public void onConversationDeleted(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        ConversationDeleted deleted = payload(event, ConversationDeleted.parser());
        ingest.conversationDeleted(
                event.id(),
                deleted.getOrgId(),
                deleted.getConversationId(),
                EventMapping.time(deleted.getDeletedAt(), event));
        metrics.recorded(record.topic(), true);
    }

    static ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            return ReceivedEvent.from(record);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEventException(e.getMessage() == null ? "not a CloudEvent" : e.getMessage(), e);
        }
    }

    static <T extends Message> T payload(ReceivedEvent event, Parser<T> parser) {
        try {
            return event.payload(parser);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEventException("event " + event.id() + " has an unreadable payload", e);
        }
    }
}
