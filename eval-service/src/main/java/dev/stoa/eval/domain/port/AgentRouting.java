package dev.stoa.eval.domain.port;

/**
 * agent-service's routing of new conversations (its canary) and promotion, acting for the user {@code actor}.
 * Failures come as StoaExceptions of agent's kind: NOT_FOUND (no such agent), INVALID_ARGUMENT (bad version),
 * FAILED_PRECONDITION (the version's model is gone).
 */
public interface AgentRouting {
    /** Routes {@code percent} % of new conversations to {@code version}; answers the agent's current version. */
    int setCanary(String orgId, String agentId, int version, int percent, String actor);

    void clearCanary(String orgId, String agentId, String actor);

    /** Makes {@code version}'s configuration current and stops the canary; answers the new current version. */
    int promote(String orgId, String agentId, int version, String actor);
}
