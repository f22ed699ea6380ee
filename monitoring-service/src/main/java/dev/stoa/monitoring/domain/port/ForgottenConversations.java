package dev.stoa.monitoring.domain.port;

import java.time.OffsetDateTime;

/** Conversations deleted in chat, and what monitoring forgets of them. */
public interface ForgottenConversations {
    /**
     * Deletes the conversation's tool calls, clears its safety alerts' previews and remembers it as forgotten, so a
     * late event of it keeps nothing either; in org {@code orgId} only. Idempotent.
     */
    void forget(String orgId, String conversationId, OffsetDateTime at);
}
