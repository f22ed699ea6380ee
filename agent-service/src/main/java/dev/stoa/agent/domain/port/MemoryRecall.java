package dev.stoa.agent.domain.port;

import dev.stoa.memoryclient.Recall;

/** Long-term memory, asked by the prompt preview for the facts chat would put into a user's prompt. */
public interface MemoryRecall {
    /**
     * What memory recalls for {@code userId} of {@code agentId} about {@code message}. Never fails and never waits
     * long: when memory cannot answer, {@link Recall#unanswered()}.
     */
    Recall recall(String orgId, String agentId, String userId, String message);
}
