package dev.stoa.tools.domain.port;

import dev.stoa.safety.SafetyPolicy;

/** The safety policy in effect for an agent (monitoring's, kept briefly): which detectors run and what they cause. */
public interface SafetyPolicies {
    /** Answers from memory while the policy is fresh; waits for monitoring only when it is not. */
    SafetyPolicy policyOf(String orgId, String agentId);
}
