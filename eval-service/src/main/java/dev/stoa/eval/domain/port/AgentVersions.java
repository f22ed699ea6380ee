package dev.stoa.eval.domain.port;

import dev.stoa.eval.domain.model.ModelChoice;

/** agent-service's runtime configs, to check what a run names before it starts. */
public interface AgentVersions {
    /** Whether the agent has this version (false for another org's agent). */
    boolean exists(String orgId, String agentId, int version);

    /** Whether the org has a provider for the model (resolved as for the agent's own model). */
    boolean judgeModelAvailable(String orgId, String agentId, int version, ModelChoice model);
}
