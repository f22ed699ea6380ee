package dev.stoa.tools.safety;

import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safetyclient.SafetyPolicyClient;
import dev.stoa.tools.domain.port.SafetyPolicies;

/**
 * {@link SafetyPolicies} asked of monitoring-service: from memory while fresh, over gRPC on a miss; through an outage
 * the last known policy (else the default, which flags) applies, so a call never fails for want of a policy.
 */
public final class MonitoringSafetyPolicies implements SafetyPolicies {
    private final SafetyPolicyClient client;

    public MonitoringSafetyPolicies(SafetyPolicyClient client) {
        this.client = client;
    }

    @Override
    public SafetyPolicy policyOf(String orgId, String agentId) {
        return client.policyOf(orgId, agentId);
    }
}
