package dev.stoa.chat.domain.port;

import dev.stoa.chat.domain.model.Conversation;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.model.Message;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Conversations, their turns, messages and event logs (all scoped by org). */
public interface ConversationRepository {

    Optional<Conversation> find(String orgId, String conversationId);

    /** An agent's conversations, newest first; {@code userId} narrows to one end user. */
    Page<Conversation> list(String orgId, String agentId, @Nullable String userId, PageRequest page);

    Optional<Turn> findTurn(String orgId, String turnId);

    Optional<Turn> findTurnByKey(String orgId, String idempotencyKey);

    /** The conversation's turn still marked running, if any. */
    Optional<Turn> runningTurn(String orgId, String conversationId);

    /**
     * Stores a new turn (and its conversation when {@code newConversation}) in one transaction with whatever
     * {@code alsoInTransaction} does (the safety findings of its message, through the outbox); false when another
     * turn already holds the same idempotency key (the caller attaches to that one instead).
     */
    boolean insertTurn(@Nullable Conversation newConversation, Turn turn, Runnable alsoInTransaction);

    List<Message> messages(String orgId, String conversationId);

    void appendMessage(String orgId, String conversationId, Message message);

    /** Appends events to the conversation's log in one transaction (the first's seq must be the next one). */
    void appendEvents(String orgId, String conversationId, List<LoggedEvent> events, OffsetDateTime at);

    /** The conversation's events after {@code afterSeq}, in order, at most {@code limit}. */
    List<LoggedEvent> events(String orgId, String conversationId, long afterSeq, int limit);

    /**
     * Ends a turn in one transaction: its row, its assistant message, its terminal event, and whatever
     * {@code alsoInTransaction} does (publishing {@code TurnFinished} through the outbox).
     */
    void finishTurn(
            String orgId,
            Turn turn,
            TurnResult result,
            @Nullable Message assistant,
            LoggedEvent terminal,
            OffsetDateTime at,
            Runnable alsoInTransaction);

    /** The cost of the agent's turns started since {@code since} (this month's spend). */
    long spentSince(String orgId, String agentId, OffsetDateTime since);

    /** Deletes a conversation with its turns, messages and events; false if there was none. */
    boolean delete(String orgId, String conversationId, Runnable alsoInTransaction);
}
