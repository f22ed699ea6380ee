package dev.stoa.chat;

import dev.stoa.proto.monitoring.v1.DetectorRule;
import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.GetPolicyResponse;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPolicy;
import dev.stoa.safety.DetectorId;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * monitoring-service's side of the wire for chat's ITs: a real gRPC server (once per test JVM) answering
 * {@code SafetyPolicies/GetPolicy} with the policy a test set for an agent, and UNAVAILABLE for every other agent (and
 * UNIMPLEMENTED for {@code Spend}), so those run as through a monitoring outage: the default policy, chat's own
 * spend records. Registered before Spring's extension, it points chat's {@code monitoring} channel at itself.
 */
final class FakeMonitoring implements BeforeAllCallback {
    private static final Map<String, SafetyPolicy> POLICIES = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        GrpcPeer.serveOnce("monitoring", FakeMonitoring::service);
    }

    private static BindableService service() {
        return new SafetyPoliciesGrpc.SafetyPoliciesImplBase() {
            @Override
            public void getPolicy(GetPolicyRequest request, StreamObserver<GetPolicyResponse> responses) {
                SafetyPolicy policy = POLICIES.get(request.getOrgId() + "/" + request.getAgentId());
                if (policy == null) {
                    responses.onError(Status.UNAVAILABLE.asRuntimeException());
                    return;
                }
                responses.onNext(
                        GetPolicyResponse.newBuilder().setPolicy(policy).build());
                responses.onCompleted();
            }
        };
    }

    /**
     * Gives the agent a policy (set it before the agent's first turn: chat keeps a policy for a while) that applies to
     * {@code surface} only: every detector on and flagging, except {@code detector}, which does {@code action}.
     */
    static void policy(String orgId, String agentId, DetectorId detector, String action, String surface) {
        SafetyPolicy.Builder policy =
                SafetyPolicy.newBuilder().setSource("agent").addSurfaces(surface);
        for (DetectorId id : DetectorId.values()) {
            policy.putDetectors(
                    id.id(),
                    DetectorRule.newBuilder()
                            .setEnabled(true)
                            .setAction(id == detector ? action : "flag")
                            .build());
        }
        POLICIES.put(orgId + "/" + agentId, policy.build());
    }
}
