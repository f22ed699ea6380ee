package dev.stoa.chat.domain.port;

import dev.stoa.memoryclient.Recall;

/** Long-term memory: the facts about a turn's user that are relevant to its message, asked once before each turn. */
public interface MemoryRecall {
    /**
     * What memory recalls for {@code userId} of {@code agentId} about {@code message}. Never fails and never waits
     * long: when memory cannot answer, {@link Recall#unanswered()} (the turn runs without memory).
     */
    Recall recall(String orgId, String agentId, String userId, String message);
}
