package dev.stoa.eval.peers;

import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.port.AgentVersions;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.GetRuntimeConfigResponse;
import dev.stoa.proto.agent.v1.ModelSelector;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;

/**
 * agent-service's {@code GetRuntimeConfig} as eval's checks: NOT_FOUND means no such version (or another org's
 * agent); with {@code model_override} set, NOT_FOUND or FAILED_PRECONDITION means the org cannot use that model.
 */
public final class GrpcAgentVersions implements AgentVersions {
    private final AgentRuntimeServiceBlockingStub stub;

    public GrpcAgentVersions(AgentRuntimeServiceBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public boolean exists(String orgId, String agentId, int version) {
        return answers(request(orgId, agentId, version).build());
    }

    @Override
    public boolean judgeModelAvailable(String orgId, String agentId, int version, ModelChoice model) {
        GetRuntimeConfigResponse response;
        try {
            response = stub.getRuntimeConfig(request(orgId, agentId, version)
                    .setModelOverride(selector(model))
                    .build());
        } catch (StatusRuntimeException e) {
            if (refused(e)) {
                return false;
            }
            throw GrpcErrors.toStoaException(e);
        }
        return response.getConfig().getModelChainCount() > 0;
    }

    /** The selector of a model choice (a tier, or a provider and model). */
    static ModelSelector selector(ModelChoice model) {
        return ModelSelector.newBuilder()
                .setTierId(Objects.requireNonNullElse(model.tierId(), ""))
                .setProviderId(Objects.requireNonNullElse(model.providerId(), ""))
                .setModel(Objects.requireNonNullElse(model.model(), ""))
                .build();
    }

    private boolean answers(GetRuntimeConfigRequest request) {
        try {
            stub.getRuntimeConfig(request);
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw GrpcErrors.toStoaException(e);
        }
    }

    private static GetRuntimeConfigRequest.Builder request(String orgId, String agentId, int version) {
        return GetRuntimeConfigRequest.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setVersion(version);
    }

    private static boolean refused(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return code == Status.Code.NOT_FOUND
                || code == Status.Code.FAILED_PRECONDITION
                || code == Status.Code.INVALID_ARGUMENT;
    }
}
