package dev.stoa.eval.peers;

import dev.stoa.eval.domain.port.AgentRouting;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.ClearCanaryRequest;
import dev.stoa.proto.agent.v1.PromoteVersionRequest;
import dev.stoa.proto.agent.v1.SetCanaryRequest;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/** agent-service's {@code SetCanary}, {@code ClearCanary} and {@code PromoteVersion} with eval's service token. */
public final class GrpcAgentRouting implements AgentRouting {
    private final AgentRuntimeServiceBlockingStub stub;

    public GrpcAgentRouting(AgentRuntimeServiceBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public int setCanary(String orgId, String agentId, int version, int percent, String actor) {
        return call(() -> stub.setCanary(SetCanaryRequest.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setVersion(version)
                        .setPercent(percent)
                        .setActorUserId(actor)
                        .build())
                .getCurrentVersion());
    }

    @Override
    public void clearCanary(String orgId, String agentId, String actor) {
        call(() -> stub.clearCanary(ClearCanaryRequest.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setActorUserId(actor)
                        .build())
                .getCurrentVersion());
    }

    @Override
    public int promote(String orgId, String agentId, int version, String actor) {
        return call(() -> stub.promoteVersion(PromoteVersionRequest.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setVersion(version)
                        .setActorUserId(actor)
                        .build())
                .getCurrentVersion());
    }

    private static int call(Supplier<Integer> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }
}
