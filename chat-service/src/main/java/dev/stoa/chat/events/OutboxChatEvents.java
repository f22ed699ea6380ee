package dev.stoa.chat.events;

import com.google.protobuf.Timestamp;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.TurnFinished;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * {@link ChatEvents} through the transactional outbox: {@code TurnFinished} on {@code stoa.turns.v1} and
 * {@code ConversationDeleted} on {@code stoa.conversations.v1}, keyed by org.
 */
@Component
public final class OutboxChatEvents implements ChatEvents {
    /** Conversation lifecycle (deletions), for memory and monitoring. */
    public static final String CONVERSATIONS = "stoa.conversations.v1";

    private final Outbox outbox;
    private final DSLContext dsl;

    public OutboxChatEvents(Outbox outbox, DSLContext dsl) {
        this.outbox = outbox;
        this.dsl = dsl;
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
                CONVERSATIONS,
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

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
