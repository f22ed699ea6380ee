package dev.stoa.monitoring.api.grpc;

import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.monitoring.domain.SafetyConfigs;
import dev.stoa.monitoring.domain.model.SafetyConfig;
import dev.stoa.proto.monitoring.v1.DetectorRule;
import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.GetPolicyResponse;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPolicy;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.Surface;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/**
 * {@code stoa.monitoring.v1.SafetyPolicies}: the effective safety policy of an org's agent, for chat-service and
 * tool-router, which scan inline with libs/safety. Platform service callers only.
 */
@Service
public final class SafetyPoliciesGrpcService extends SafetyPoliciesGrpc.SafetyPoliciesImplBase {
    private final SafetyConfigs configs;

    public SafetyPoliciesGrpcService(SafetyConfigs configs) {
        this.configs = configs;
    }

    @Override
    public void getPolicy(GetPolicyRequest request, StreamObserver<GetPolicyResponse> responses) {
        SafetyConfig config = configs.forService(GrpcPrincipal.current(), request.getOrgId(), request.getAgentId());
        responses.onNext(
                GetPolicyResponse.newBuilder().setPolicy(toProto(config)).build());
        responses.onCompleted();
    }

    static SafetyPolicy toProto(SafetyConfig config) {
        SafetyPolicy.Builder out = SafetyPolicy.newBuilder().setSource(config.source());
        for (DetectorId id : DetectorId.values()) {
            dev.stoa.safety.DetectorRule rule = config.policy().rule(id);
            out.putDetectors(
                    id.id(),
                    DetectorRule.newBuilder()
                            .setEnabled(rule.enabled())
                            .setAction(rule.action().id())
                            .build());
        }
        for (Surface surface : config.policy().surfaces()) {
            out.addSurfaces(surface.id());
        }
        return out.build();
    }
}
