package dev.stoa.chat.events;

import com.google.protobuf.Timestamp;
import dev.stoa.chat.domain.model.SafetyScan;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.safetyclient.SafetyFindings;
import dev.stoa.store.TenantTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * {@link ChatEvents} through the transactional outbox: {@code TurnFinished} on {@code stoa.turns.v1},
 * {@code ConversationDeleted} on {@code stoa.conversations.v1} and {@code SafetyFinding} on {@code stoa.safety.v1},
 * keyed by org. Safety findings are also counted ({@value #FINDINGS}, by surface and action).
 */
@Component
public final class OutboxChatEvents implements ChatEvents {
    /** Business metric: findings of chat's scans (user input, model output), by surface and action. */
    public static final String FINDINGS = "stoa.chat.safety.findings";

    private final Outbox outbox;
    private final DSLContext dsl;
    private final TenantTransactions tx;
    private final MeterRegistry meters;

    public OutboxChatEvents(Outbox outbox, DSLContext dsl, TenantTransactions tx, MeterRegistry meters) {
        this.outbox = outbox;
        this.dsl = dsl;
        this.tx = tx;
        this.meters = meters;
    }

    @Override
    public void turnFinished(Turn turn, TurnResult result, OffsetDateTime finishedAt, long monthlyBudgetMicros) {
        TurnFinished.Builder event = TurnFinished.newBuilder()
                .setOrgId(turn.orgId())
                .setAgentId(turn.agentId())
                .setAgentVersion(turn.agentVersion())
                .setConversationId(turn.conversationId())
                .setTurnId(turn.id())
                .setUserId(turn.userId())
                .setFallbackTaken(result.fallbackTaken())
                .setInputTokens(result.inputTokens())
                .setOutputTokens(result.outputTokens())
                .setCostMicros(result.costMicros())
                .setLatencyMs(result.latencyMs())
                .setToolCalls(result.toolCalls())
                .setOutcome(result.status().wire())
                .setStartedAt(timestamp(turn.startedAt().toInstant()))
                .setFinishedAt(timestamp(finishedAt.toInstant()))
                .setUserMessage(turn.userMessage())
                .setKind("chat")
                .setMonthlyBudgetMicros(monthlyBudgetMicros);
        if (result.providerId() != null) {
            event.setProviderId(result.providerId());
        }
        if (result.model() != null) {
            event.setModel(result.model());
        }
        if (result.timeToFirstTokenMs() != null) {
            event.setTimeToFirstTokenMs(result.timeToFirstTokenMs());
        }
        if (result.errorCode() != null) {
            event.setErrorCode(result.errorCode());
        }
        if (result.assistantMessage() != null) {
            event.setAssistantMessage(result.assistantMessage());
        }
        outbox.append(
                dsl,
                Topics.TURNS,
                turn.orgId(),
                "dev.stoa.chat.turn." + result.status().wire(),
                turn.id(),
                event.build());
    }

    @Override
    public void conversationDeleted(
            String orgId, String agentId, String conversationId, String userId, OffsetDateTime at) {
        outbox.append(
                dsl,
                Topics.CONVERSATIONS,
                orgId,
                "dev.stoa.chat.conversation.deleted",
                conversationId,
                ConversationDeleted.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setConversationId(conversationId)
                        .setUserId(userId)
                        .setDeletedAt(timestamp(at.toInstant()))
                        .build());
    }

    @Override
    public void safetyFindings(SafetyScan scan) {
        List<SafetyFinding> findings = SafetyFindings.of(
                scan.result(),
                scan.surface(),
                new SafetyFindings.Origin(scan.orgId(), scan.agentId(), scan.conversationId(), scan.turnId()),
                scan.at());
        if (findings.isEmpty()) {
            return;
        }
        // Joins the turn's transaction; a refused message has none, and its findings still go out together.
        tx.inOrgRun(scan.orgId(), inOrg -> {
            for (SafetyFinding finding : findings) {
                outbox.append(
                        inOrg,
                        Topics.SAFETY,
                        scan.orgId(),
                        "dev.stoa.chat.safety.finding",
                        scan.turnId().isEmpty() ? null : scan.turnId(),
                        finding);
            }
        });
        for (SafetyFinding finding : findings) {
            Counter.builder(FINDINGS)
                    .description("safety findings in chat's user input and model output")
                    .tag("surface", finding.getSurface())
                    .tag("action", finding.getAction())
                    .register(meters)
                    .increment();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
