package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.Conversation;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.model.Message;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** The repository port in memory, for unit tests of the turn engine (the ITs use PostgreSQL). */
final class InMemoryConversations implements ConversationRepository {
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<LoggedEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, TurnResult> results = new ConcurrentHashMap<>();

    @Override
    public Optional<Conversation> find(String orgId, String conversationId) {
        return Optional.empty();
    }

    @Override
    public Page<Conversation> list(String orgId, String agentId, @Nullable String userId, PageRequest page) {
        return new Page<>(List.of(), null);
    }

    @Override
    public Optional<Turn> findTurn(String orgId, String turnId) {
        return Optional.empty();
    }

    @Override
    public Optional<Turn> findTurnByKey(String orgId, String idempotencyKey) {
        return Optional.empty();
    }

    @Override
    public Optional<Turn> runningTurn(String orgId, String conversationId) {
        return Optional.empty();
    }

    @Override
    public boolean insertTurn(@Nullable Conversation newConversation, Turn turn, Runnable alsoInTransaction) {
        alsoInTransaction.run();
        return true;
    }

    @Override
    public List<Message> messages(String orgId, String conversationId) {
        return new ArrayList<>(messages);
    }

    @Override
    public void appendMessage(String orgId, String conversationId, Message message) {
        messages.add(message);
    }

    @Override
    public void appendEvents(String orgId, String conversationId, List<LoggedEvent> batch, OffsetDateTime at) {
        events.addAll(batch);
    }

    @Override
    public List<LoggedEvent> events(String orgId, String conversationId, long afterSeq, int limit) {
        return events.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
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
        if (assistant != null) {
            messages.add(assistant);
        }
        events.add(terminal);
        results.put(turn.id(), result);
        alsoInTransaction.run();
    }

    @Override
    public long spentSince(String orgId, String agentId, OffsetDateTime since) {
        return 0;
    }

    @Override
    public boolean delete(String orgId, String conversationId, Runnable alsoInTransaction) {
        return false;
    }

    List<String> types() {
        return events.stream().map(LoggedEvent::type).toList();
    }
}
