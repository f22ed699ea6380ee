package dev.stoa.monitoring.events;

import com.google.protobuf.Timestamp;
import dev.stoa.common.id.Ids;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.monitoring.domain.WebhookFanout;
import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.TurnCost;
import dev.stoa.monitoring.domain.model.WebhookEvent;
import dev.stoa.monitoring.domain.model.WebhookEventType;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.proto.events.v1.TurnFinished;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

    /** Tool-call statuses that webhooks report as {@code tool_call.failed} (rejected and cancelled are decisions). */
    static final Set<String> FAILED_CALL = Set.of("failed", "timed_out");

    /** {@code turn.completed} or {@code turn.failed}: the turn's usage and outcome, never its messages. */
    static WebhookEvent turnWebhook(ReceivedEvent event, TurnFinished e) {
        Map<String, Object> data = new HashMap<>();
        data.put("turn_id", e.getTurnId());
        data.put("conversation_id", e.getConversationId());
        data.put("agent_id", e.getAgentId());
        data.put("agent_version", e.getAgentVersion());
        data.put("user_id", e.getUserId());
        data.put("provider_id", e.getProviderId());
        data.put("model", e.getModel());
        data.put("input_tokens", e.getInputTokens());
        data.put("output_tokens", e.getOutputTokens());
        data.put("cost_micros", e.getCostMicros());
        data.put("latency_ms", e.getLatencyMs());
        data.put("tool_calls", e.getToolCalls());
        data.put("outcome", e.getOutcome());
        data.put("error_code", e.getErrorCode());
        data.put("kind", e.getKind());
        OffsetDateTime finished = time(e.getFinishedAt(), event);
        data.put("finished_at", WebhookFanout.timestamp(finished));
        boolean completed = "completed".equals(e.getOutcome());
        return new WebhookEvent(
                e.getOrgId(),
                event.id(),
                completed ? WebhookEventType.TURN_COMPLETED : WebhookEventType.TURN_FAILED,
                finished,
                data);
    }

    /** {@code tool_call.failed} for a failed or timed-out call, else null; the arguments are not included. */
    static @Nullable WebhookEvent toolCallWebhook(ReceivedEvent event, ToolCallEnded e) {
        if (!FAILED_CALL.contains(e.getStatus())) {
            return null;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("call_id", e.getCallId());
        data.put("tool_id", e.getToolId());
        data.put("tool_name", e.getToolName());
        data.put("agent_id", e.getAgentId());
        data.put("conversation_id", e.getConversationId());
        data.put("turn_id", e.getTurnId());
        data.put("source", e.getSource());
        data.put("status", e.getStatus());
        data.put("error_code", e.getErrorCode());
        data.put("latency_ms", e.getLatencyMs());
        OffsetDateTime finished = time(e.getFinishedAt(), event);
        data.put("finished_at", WebhookFanout.timestamp(finished));
        return new WebhookEvent(e.getOrgId(), event.id(), WebhookEventType.TOOL_CALL_FAILED, finished, data);
    }

    /**
     * {@code approval.requested}: which decision is awaited and until when; the arguments only as their redacted
     * preview, cut to 256 characters as the source promises.
     */
    static WebhookEvent approvalWebhook(ReceivedEvent event, ApprovalRequested e) {
        Map<String, Object> data = new HashMap<>();
        data.put("approval_id", e.getApprovalId());
        data.put("kind", e.getKind());
        data.put("agent_id", e.getAgentId());
        data.put("conversation_id", e.getConversationId());
        data.put("turn_id", e.getTurnId());
        data.put("tool_id", e.getToolId());
        data.put("tool_name", e.getToolName());
        String preview = e.getArgumentsPreview();
        data.put("arguments_preview", preview.length() > 256 ? preview.substring(0, 256) : preview);
        OffsetDateTime requested = time(e.getRequestedAt(), event);
        data.put("requested_at", WebhookFanout.timestamp(requested));
        if (e.hasExpiresAt()) {
            data.put("expires_at", WebhookFanout.timestamp(time(e.getExpiresAt(), event)));
        }
        return new WebhookEvent(e.getOrgId(), event.id(), WebhookEventType.APPROVAL_REQUESTED, requested, data);
    }

    /** The payload's time, else the envelope's, else now (an unset protobuf timestamp is the epoch). */
    static OffsetDateTime time(Timestamp t, ReceivedEvent event) {
        if (t.getSeconds() != 0 || t.getNanos() != 0) {
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()), ZoneOffset.UTC);
        }
        OffsetDateTime envelope = event.time();
        return envelope != null ? envelope.withOffsetSameInstant(ZoneOffset.UTC) : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
