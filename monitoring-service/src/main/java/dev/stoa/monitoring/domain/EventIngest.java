package dev.stoa.monitoring.domain;

import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.BudgetAlert;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.TurnCost;
import dev.stoa.monitoring.domain.model.WebhookEvent;
import dev.stoa.monitoring.domain.model.WebhookEventType;
import dev.stoa.monitoring.domain.port.AuditLog;
import dev.stoa.monitoring.domain.port.CostLedger;
import dev.stoa.monitoring.domain.port.ForgottenConversations;
import dev.stoa.monitoring.domain.port.SeenEvents;
import dev.stoa.monitoring.domain.port.ToolCallRepository;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write side: records what the platform's events report, each event once (the repositories dedupe by event id
 * in the effect's transaction). An event lacking what it must carry is refused as unprocessable. Webhook deliveries
 * the event triggers are enqueued in the same transaction, so a redelivered event enqueues none.
 */
@Service
public final class EventIngest {
    static final Set<String> CALL_STATUSES = Set.of("succeeded", "failed", "timed_out", "rejected", "cancelled");
    static final int PREVIEW_MAX = 300;
    static final int ID_MAX = 128;
    /** The consumer name approvals are deduplicated under. */
    static final String APPROVALS = "monitoring.approvals";

    private final ToolCallRepository toolCalls;
    private final CostLedger ledger;
    private final AuditLog audit;
    private final WebhookFanout webhooks;
    private final SeenEvents seen;
    private final ForgottenConversations forgotten;
    private final TransactionTemplate transactions;

    public EventIngest(
            ToolCallRepository toolCalls,
            CostLedger ledger,
            AuditLog audit,
            WebhookFanout webhooks,
            SeenEvents seen,
            ForgottenConversations forgotten,
            TransactionTemplate transactions) {
        this.toolCalls = toolCalls;
        this.ledger = ledger;
        this.audit = audit;
        this.webhooks = webhooks;
        this.seen = seen;
        this.forgotten = forgotten;
        this.transactions = transactions;
    }

    /** True when the call was recorded, false when event {@code eventId} was seen before. */
    public boolean toolCallEnded(String eventId, ToolCall call, @Nullable WebhookEvent webhookEvent) {
        require(call.orgId(), "org_id", eventId);
        require(call.toolName(), "tool_name", eventId);
        fits(eventId, call.orgId(), call.agentId(), call.conversationId(), call.turnId(), call.callId());
        fits(eventId, call.toolId(), call.toolName(), call.errorCode());
        if (call.source().length() > 16) {
            throw new UnprocessableEventException("event " + eventId + " has an unknown source");
        }
        if (!CALL_STATUSES.contains(call.status())) {
            throw new UnprocessableEventException("event " + eventId + " has an unknown status");
        }
        String preview = call.argumentsPreview().length() > PREVIEW_MAX
                ? call.argumentsPreview().substring(0, PREVIEW_MAX)
                : call.argumentsPreview();
        ToolCall recorded = new ToolCall(
                call.id(),
                call.orgId(),
                call.agentId(),
                call.conversationId(),
                call.turnId(),
                call.callId(),
                call.toolId(),
                call.toolName(),
                call.source(),
                call.status(),
                call.errorCode(),
                Math.max(0, call.latencyMs()),
                Math.max(0, call.argumentBytes()),
                preview,
                call.startedAt(),
                call.endedAt());
        return withWebhooks(webhookEvent, () -> toolCalls.record(eventId, recorded));
    }

    /** True when the turn was added to the ledger, false when event {@code eventId} was seen before. */
    public boolean turnFinished(String eventId, TurnCost turn, @Nullable WebhookEvent webhookEvent) {
        require(turn.orgId(), "org_id", eventId);
        require(turn.agentId(), "agent_id", eventId);
        fits(eventId, turn.orgId(), turn.agentId(), turn.providerId(), turn.model());
        if (turn.inputTokens() < 0 || turn.outputTokens() < 0 || turn.costMicros() < 0) {
            throw new UnprocessableEventException("event " + eventId + " has negative usage");
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            CostLedger.Costed costed = ledger.add(eventId, turn);
            if (costed.first()) {
                if (webhookEvent != null) {
                    webhooks.publish(webhookEvent);
                }
                costed.alerts().forEach(alert -> webhooks.publish(budgetThreshold(alert)));
            }
            return costed.first();
        }));
    }

    /** {@code budget.threshold}: the alert's id is the event id (one per threshold, agent and month). */
    static WebhookEvent budgetThreshold(BudgetAlert alert) {
        return new WebhookEvent(
                alert.orgId(),
                alert.id(),
                WebhookEventType.BUDGET_THRESHOLD,
                alert.raisedAt(),
                Map.of(
                        "agent_id", alert.agentId(),
                        "month", alert.month().toString(),
                        "threshold_percent", alert.thresholdPercent(),
                        "budget_micros", alert.budgetMicros(),
                        "spent_micros", alert.spentMicros()));
    }

    /** Runs the effect and, when it was the event's first, enqueues its webhook deliveries in the same transaction. */
    private boolean withWebhooks(@Nullable WebhookEvent event, java.util.function.BooleanSupplier effect) {
        if (event == null) {
            return effect.getAsBoolean();
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean first = effect.getAsBoolean();
            if (first) {
                webhooks.publish(event);
            }
            return first;
        }));
    }

    /**
     * True when the approval's webhook deliveries were enqueued (or it had no subscriber), false when event
     * {@code eventId} was seen before. Nothing else is kept: the approval itself lives with its source.
     */
    public boolean approvalRequested(String eventId, WebhookEvent approval) {
        require(approval.orgId(), "org_id", eventId);
        String approvalId = approval.data().getOrDefault("approval_id", "").toString();
        require(approvalId, "approval_id", eventId);
        fits(eventId, approval.orgId(), approvalId);
        return withWebhooks(approval, () -> seen.first(approval.orgId(), APPROVALS, eventId));
    }

    /** Forgets what monitoring recorded of a deleted conversation (see {@link ForgottenConversations}). */
    public void conversationDeleted(String eventId, String orgId, String conversationId, OffsetDateTime at) {
        require(orgId, "org_id", eventId);
        require(conversationId, "conversation_id", eventId);
        fits(eventId, orgId, conversationId);
        forgotten.forget(orgId, conversationId, at);
    }

    /** True when the entry was appended, false when event {@code eventId} was seen before. */
    public boolean audited(String eventId, AuditEntry entry) {
        require(entry.orgId(), "org_id", eventId);
        require(entry.action(), "action", eventId);
        fits(eventId, entry.orgId(), entry.actorId(), entry.action(), entry.targetId(), entry.requestId());
        if (entry.actorType().length() > 16
                || entry.targetType().length() > 64
                || entry.ip().length() > 64) {
            throw new UnprocessableEventException("event " + eventId + " has an over-long actor type, target or ip");
        }
        return audit.append(eventId, entry);
    }

    /** Ids and names are at most {@value #ID_MAX} characters (the columns' width): longer is a broken event. */
    private static void fits(String eventId, String... values) {
        for (String value : values) {
            if (value.length() > ID_MAX) {
                throw new UnprocessableEventException("event " + eventId + " has an id longer than " + ID_MAX);
            }
        }
    }

    private static void require(String value, String field, String eventId) {
        if (value.isBlank()) {
            throw new UnprocessableEventException("event " + eventId + " lacks " + field);
        }
    }
}
