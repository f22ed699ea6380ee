package dev.stoa.chat.store;

import static dev.stoa.chat.store.jooq.Tables.CONVERSATIONS;
import static dev.stoa.chat.store.jooq.Tables.CONVERSATION_EVENTS;
import static dev.stoa.chat.store.jooq.Tables.MESSAGES;
import static dev.stoa.chat.store.jooq.Tables.TURNS;

import dev.stoa.chat.domain.model.Conversation;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.model.Message;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.model.TurnStatus;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.chat.store.jooq.tables.records.ConversationsRecord;
import dev.stoa.chat.store.jooq.tables.records.MessagesRecord;
import dev.stoa.chat.store.jooq.tables.records.TurnsRecord;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.SqlErrors;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Conversations, turns, messages and event logs in PostgreSQL, every statement under the org's row-level security. */
@Component
public final class JooqConversationRepository implements ConversationRepository {
    private final TenantTransactions tx;

    public JooqConversationRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Conversation> find(String orgId, String conversationId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(conversationId))
                .fetchOptional(JooqConversationRepository::conversation));
    }

    @Override
    public Page<Conversation> list(String orgId, String agentId, @Nullable String userId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = CONVERSATIONS.AGENT_ID.eq(agentId);
            if (userId != null) {
                condition = condition.and(CONVERSATIONS.USER_ID.eq(userId));
            }
            if (page.after() != null) {
                condition = condition.and(CONVERSATIONS.ID.lt(page.after()));
            }
            // Ids are time-ordered (UUIDv7): id order is creation order, newest first.
            List<Conversation> rows = dsl.selectFrom(CONVERSATIONS)
                    .where(condition)
                    .orderBy(CONVERSATIONS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqConversationRepository::conversation);
            return Page.fromOverfetch(rows, page.limit(), Conversation::id);
        });
    }

    @Override
    public Optional<Turn> findTurn(String orgId, String turnId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TURNS)
                .where(TURNS.ID.eq(turnId))
                .fetchOptional(JooqConversationRepository::turn));
    }

    @Override
    public Optional<Turn> findTurnByKey(String orgId, String idempotencyKey) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TURNS)
                .where(TURNS.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(JooqConversationRepository::turn));
    }

    @Override
    public Optional<Turn> runningTurn(String orgId, String conversationId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TURNS)
                .where(TURNS.CONVERSATION_ID.eq(conversationId))
                .and(TURNS.STATUS.eq(TurnStatus.RUNNING.wire()))
                .limit(1)
                .fetchOptional(JooqConversationRepository::turn));
    }

    @Override
    public boolean insertTurn(@Nullable Conversation created, Turn turn, Runnable alsoInTransaction) {
        return SqlErrors.unlessDuplicate(() -> tx.inOrgRun(turn.orgId(), dsl -> {
            if (created != null) {
                dsl.insertInto(CONVERSATIONS)
                        .set(CONVERSATIONS.ID, created.id())
                        .set(CONVERSATIONS.ORG_ID, created.orgId())
                        .set(CONVERSATIONS.AGENT_ID, created.agentId())
                        .set(CONVERSATIONS.AGENT_VERSION, created.agentVersion())
                        .set(CONVERSATIONS.USER_ID, created.userId())
                        .set(CONVERSATIONS.TITLE, created.title())
                        .set(CONVERSATIONS.LAST_SEQ, 0L)
                        .set(CONVERSATIONS.CREATED_AT, created.createdAt())
                        .set(CONVERSATIONS.UPDATED_AT, created.updatedAt())
                        .execute();
            }
            dsl.insertInto(TURNS)
                    .set(TURNS.ID, turn.id())
                    .set(TURNS.ORG_ID, turn.orgId())
                    .set(TURNS.CONVERSATION_ID, turn.conversationId())
                    .set(TURNS.AGENT_ID, turn.agentId())
                    .set(TURNS.AGENT_VERSION, turn.agentVersion())
                    .set(TURNS.USER_ID, turn.userId())
                    .set(TURNS.STATUS, turn.status().wire())
                    .set(TURNS.IDEMPOTENCY_KEY, turn.idempotencyKey())
                    .set(TURNS.USER_MESSAGE, turn.userMessage())
                    .set(TURNS.FIRST_SEQ, turn.firstSeq())
                    .set(TURNS.STARTED_AT, turn.startedAt())
                    .execute();
            dsl.update(CONVERSATIONS)
                    .set(CONVERSATIONS.UPDATED_AT, turn.startedAt())
                    .where(CONVERSATIONS.ID.eq(turn.conversationId()))
                    .execute();
            alsoInTransaction.run();
        }));
    }

    @Override
    public List<Message> messages(String orgId, String conversationId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId))
                .orderBy(MESSAGES.POSITION)
                .fetch(JooqConversationRepository::message));
    }

    @Override
    public void appendMessage(String orgId, String conversationId, Message message) {
        tx.inOrgRun(orgId, dsl -> insertMessage(dsl, orgId, conversationId, message));
    }

    @Override
    public void appendEvents(String orgId, String conversationId, List<LoggedEvent> events, OffsetDateTime at) {
        if (events.isEmpty()) {
            return;
        }
        tx.inOrgRun(orgId, dsl -> {
            var insert = dsl.insertInto(
                    CONVERSATION_EVENTS,
                    CONVERSATION_EVENTS.CONVERSATION_ID,
                    CONVERSATION_EVENTS.SEQ,
                    CONVERSATION_EVENTS.ORG_ID,
                    CONVERSATION_EVENTS.TURN_ID,
                    CONVERSATION_EVENTS.TYPE,
                    CONVERSATION_EVENTS.DATA,
                    CONVERSATION_EVENTS.CREATED_AT);
            for (LoggedEvent event : events) {
                insert = insert.values(
                        conversationId, event.seq(), orgId, event.turnId(), event.type(), event.data(), at);
            }
            insert.execute();
            advanceLastSeq(dsl, conversationId, events.getLast().seq());
        });
    }

    @Override
    public List<LoggedEvent> events(String orgId, String conversationId, long afterSeq, int limit) {
        return tx.inOrg(orgId, dsl -> dsl.select(
                        CONVERSATION_EVENTS.SEQ,
                        CONVERSATION_EVENTS.TURN_ID,
                        CONVERSATION_EVENTS.TYPE,
                        CONVERSATION_EVENTS.DATA)
                .from(CONVERSATION_EVENTS)
                .where(CONVERSATION_EVENTS.CONVERSATION_ID.eq(conversationId))
                .and(CONVERSATION_EVENTS.SEQ.gt(afterSeq))
                .orderBy(CONVERSATION_EVENTS.SEQ)
                .limit(limit)
                .fetch(r -> new LoggedEvent(r.value1(), r.value2(), r.value3(), r.value4())));
    }

    @Override
    public void finishTurn(
            String orgId,
            Turn turn,
            TurnResult result,
            @Nullable Message assistant,
            LoggedEvent terminal,
            OffsetDateTime at,
            Runnable alsoInTransaction) {
        tx.inOrgRun(orgId, dsl -> {
            dsl.update(TURNS)
                    .set(TURNS.STATUS, result.status().wire())
                    .set(TURNS.ASSISTANT_MESSAGE, result.assistantMessage())
                    .set(TURNS.ERROR_CODE, result.errorCode())
                    .set(TURNS.PROVIDER_ID, result.providerId())
                    .set(TURNS.MODEL, result.model())
                    .set(TURNS.FALLBACK_TAKEN, result.fallbackTaken())
                    .set(TURNS.INPUT_TOKENS, result.inputTokens())
                    .set(TURNS.OUTPUT_TOKENS, result.outputTokens())
                    .set(TURNS.COST_MICROS, result.costMicros())
                    .set(TURNS.TOOL_CALLS, result.toolCalls())
                    .set(TURNS.STEP_LIMIT_REACHED, result.stepLimitReached())
                    .set(TURNS.TIME_TO_FIRST_TOKEN_MS, result.timeToFirstTokenMs())
                    .set(TURNS.FINISHED_AT, at)
                    .where(TURNS.ID.eq(turn.id()))
                    .execute();
            if (assistant != null) {
                insertMessage(dsl, orgId, turn.conversationId(), assistant);
            }
            insertEvent(dsl, orgId, turn.conversationId(), terminal, at);
            alsoInTransaction.run();
        });
    }

    @Override
    public long spentSince(String orgId, String agentId, OffsetDateTime since) {
        return tx.inOrg(orgId, dsl -> {
            Long spent = dsl.select(DSL.sum(TURNS.COST_MICROS).cast(Long.class))
                    .from(TURNS)
                    .where(TURNS.AGENT_ID.eq(agentId))
                    .and(TURNS.STARTED_AT.ge(since))
                    .fetchOne(0, Long.class);
            return spent == null ? 0L : spent;
        });
    }

    @Override
    public boolean delete(String orgId, String conversationId, Runnable alsoInTransaction) {
        return tx.inOrg(orgId, dsl -> {
            int deleted = dsl.deleteFrom(CONVERSATIONS)
                    .where(CONVERSATIONS.ID.eq(conversationId))
                    .execute();
            if (deleted > 0) {
                alsoInTransaction.run();
            }
            return deleted > 0;
        });
    }

    private static void insertMessage(DSLContext dsl, String orgId, String conversationId, Message message) {
        dsl.insertInto(MESSAGES)
                .set(MESSAGES.ID, message.id())
                .set(MESSAGES.ORG_ID, orgId)
                .set(MESSAGES.CONVERSATION_ID, conversationId)
                .set(MESSAGES.TURN_ID, message.turnId())
                .set(MESSAGES.POSITION, message.position())
                .set(MESSAGES.ROLE, message.role())
                .set(MESSAGES.CONTENT, message.content())
                .set(
                        MESSAGES.TOOL_CALLS,
                        message.toolCalls().isEmpty() ? null : ToolCallsCodec.write(message.toolCalls()))
                .set(MESSAGES.TOOL_CALL_ID, message.toolCallId())
                .set(MESSAGES.TOOL_NAME, message.toolName())
                .set(MESSAGES.IS_ERROR, message.error())
                .set(MESSAGES.CREATED_AT, message.createdAt())
                .execute();
    }

    private static void insertEvent(
            DSLContext dsl, String orgId, String conversationId, LoggedEvent event, OffsetDateTime at) {
        dsl.insertInto(CONVERSATION_EVENTS)
                .set(CONVERSATION_EVENTS.CONVERSATION_ID, conversationId)
                .set(CONVERSATION_EVENTS.SEQ, event.seq())
                .set(CONVERSATION_EVENTS.ORG_ID, orgId)
                .set(CONVERSATION_EVENTS.TURN_ID, event.turnId())
                .set(CONVERSATION_EVENTS.TYPE, event.type())
                .set(CONVERSATION_EVENTS.DATA, event.data())
                .set(CONVERSATION_EVENTS.CREATED_AT, at)
                .execute();
        advanceLastSeq(dsl, conversationId, event.seq());
    }

    // The next turn starts after the newest entry, even if this one's turn never finishes (a crash).
    private static void advanceLastSeq(DSLContext dsl, String conversationId, long seq) {
        dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.LAST_SEQ, DSL.greatest(CONVERSATIONS.LAST_SEQ, DSL.val(seq)))
                .where(CONVERSATIONS.ID.eq(conversationId))
                .execute();
    }

    private static Conversation conversation(ConversationsRecord r) {
        return new Conversation(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getAgentVersion(),
                r.getUserId(),
                r.getTitle(),
                r.getLastSeq(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }

    private static Turn turn(TurnsRecord r) {
        return new Turn(
                r.getId(),
                r.getOrgId(),
                r.getConversationId(),
                r.getAgentId(),
                r.getAgentVersion(),
                r.getUserId(),
                TurnStatus.fromWire(r.getStatus()),
                r.getIdempotencyKey(),
                r.getUserMessage(),
                r.getAssistantMessage(),
                r.getFirstSeq(),
                r.getErrorCode(),
                r.getCostMicros(),
                r.getStartedAt(),
                r.getFinishedAt());
    }

    private static Message message(MessagesRecord r) {
        return new Message(
                r.getId(),
                r.getTurnId(),
                r.getPosition(),
                r.getRole(),
                r.getContent(),
                r.getToolCalls() == null ? List.of() : ToolCallsCodec.read(r.getToolCalls()),
                r.getToolCallId(),
                r.getToolName(),
                r.getIsError(),
                r.getCreatedAt());
    }
}
