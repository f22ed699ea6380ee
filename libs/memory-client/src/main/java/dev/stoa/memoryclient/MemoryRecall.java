package dev.stoa.memoryclient;

/**
 * Long-term memory as the services that build prompts use it (a port of their domains; {@link MemoryRecallClient}
 * implements it over gRPC, tests with a lambda).
 */
@FunctionalInterface
public interface MemoryRecall {
    /**
     * The facts memory holds about {@code userId} for {@code agentId} that are relevant to {@code message}, as many as
     * the agent's memory is configured to give. Never fails and never waits long: when memory cannot answer,
     * {@link Recall#unanswered()}.
     */
    Recall recall(String orgId, String agentId, String userId, String message);
}
