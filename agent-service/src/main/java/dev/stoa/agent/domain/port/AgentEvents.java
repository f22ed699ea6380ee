package dev.stoa.agent.domain.port;

/**
 * The changes agent-service publishes ({@code AgentChanged}, keyed by org), written in the caller's transaction so
 * services caching runtime configs drop them exactly when a change commits.
 */
public interface AgentEvents {

    /** An agent changed; {@code version} is its current version after the change. */
    void agentChanged(String orgId, String agentId, int version, String change);

    /**
     * Something every agent of the org may depend on changed: {@code provider_changed}, {@code tier_changed} or
     * {@code catalog_changed}, about {@code subjectId}.
     */
    void orgChanged(String orgId, String change, String subjectId);
}
