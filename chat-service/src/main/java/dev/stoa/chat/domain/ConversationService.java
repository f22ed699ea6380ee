package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.Conversation;
import dev.stoa.chat.domain.model.Message;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Conversations of an org: list an agent's, read one with its messages, delete one (and tell memory/monitoring). */
public final class ConversationService {
    private final ConversationRepository repository;
    private final ChatEvents events;
    private final TurnHub hub;
    private final Clock clock;

    public ConversationService(ConversationRepository repository, ChatEvents events, TurnHub hub, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
    }

    /** A conversation with its messages in order (tool calls and results included). */
    public record WithMessages(Conversation conversation, List<Message> messages) {}

    public Page<Conversation> list(Principal principal, String agentId, @Nullable String userId, PageRequest page) {
        String orgId = Access.org(principal, Access.CONVERSATIONS_READ);
        String only = Access.seesAllConversations(principal) ? userId : Access.endUser(principal, "");
        return repository.list(orgId, agentId, only, page);
    }

    public WithMessages get(Principal principal, String conversationId) {
        String orgId = Access.org(principal, Access.CONVERSATIONS_READ);
        Conversation conversation = repository
                .find(orgId, conversationId)
                .filter(c -> Access.sees(principal, c))
                .orElseThrow(() -> new NotFoundException("conversation", conversationId));
        return new WithMessages(conversation, repository.messages(orgId, conversationId));
    }

    /** Deletes a conversation, its turns, messages and events; a running turn is cancelled first. */
    public void delete(Principal principal, String conversationId) {
        String orgId = Access.org(principal, Access.CONVERSATIONS_WRITE);
        Conversation conversation = repository
                .find(orgId, conversationId)
                .filter(c -> Access.sees(principal, c))
                .orElseThrow(() -> new NotFoundException("conversation", conversationId));
        hub.live(conversationId).ifPresent(TurnHub.Live::cancel);
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean deleted = repository.delete(
                orgId,
                conversationId,
                () -> events.conversationDeleted(
                        orgId, conversation.agentId(), conversationId, conversation.userId(), now));
        if (!deleted) {
            throw new NotFoundException("conversation", conversationId);
        }
    }
}
