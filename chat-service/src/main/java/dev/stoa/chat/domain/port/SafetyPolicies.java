package dev.stoa.chat.domain.port;

import dev.stoa.safety.SafetyPolicy;

/** The safety policy in effect for an agent: which detectors run on which texts of a turn, and what they do. */
public interface SafetyPolicies {
    /**
     * The policy of {@code agentId} in {@code orgId}. Never fails: when it cannot be asked, the last known policy or
     * the documented default (every detector flags) applies.
     */
    SafetyPolicy policyOf(String orgId, String agentId);
}
