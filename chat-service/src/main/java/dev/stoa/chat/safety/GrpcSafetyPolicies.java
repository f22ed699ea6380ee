package dev.stoa.chat.safety;

import dev.stoa.chat.domain.port.SafetyPolicies;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safetyclient.SafetyPolicyClient;

/**
 * {@link SafetyPolicies} from monitoring's {@code SafetyPolicies} service, through the shared client (kept briefly;
 * through an outage the last known policy stays in force, an agent never answered for gets the default).
 */
public final class GrpcSafetyPolicies implements SafetyPolicies {
    private final SafetyPolicyClient client;

    public GrpcSafetyPolicies(SafetyPolicyClient client) {
        this.client = client;
    }

    @Override
    public SafetyPolicy policyOf(String orgId, String agentId) {
        return client.policyOf(orgId, agentId);
    }
}
