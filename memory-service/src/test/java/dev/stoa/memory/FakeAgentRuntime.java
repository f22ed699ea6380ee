package dev.stoa.memory;

import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.GetRuntimeConfigResponse;
import dev.stoa.proto.agent.v1.ModelInfo;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.test.service.FakeProviderExtension;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * agent-service's side of the wire for memory's ITs: a real gRPC server (once per test JVM) answering
 * {@code AgentRuntimeService/GetRuntimeConfig} for the agents a test registered (NOT_FOUND for any other, as for
 * another org's), with a model chain at the JVM's fake provider; a model override names a tier the test registered
 * (NOT_FOUND otherwise). Registered before Spring's extension, it points memory's {@code agent} channel at itself.
 */
final class FakeAgentRuntime implements BeforeAllCallback {
    /** Input and output prices of the fake models, micro-USD per million tokens. */
    static final long INPUT_PRICE = 1_000_000;

    static final long OUTPUT_PRICE = 2_000_000;
    static final String PROVIDER_ID = "prv_01jd0000000000000000000000";

    private static final Set<String> AGENTS = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> TIERS = new ConcurrentHashMap<>();
    private static volatile Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /** The org has this agent from now on. */
    static void agent(String orgId, String agentId) {
        AGENTS.add(orgId + "/" + agentId);
    }

    /** The org has this tier, whose chain is {@code model} at the fake provider. */
    static void tier(String orgId, String tierId, String model) {
        TIERS.put(orgId + "/" + tierId, model);
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = ServerBuilder.forPort(0)
                    .addService(new AgentRuntimeServiceGrpc.AgentRuntimeServiceImplBase() {
                        @Override
                        public void getRuntimeConfig(
                                GetRuntimeConfigRequest request, StreamObserver<GetRuntimeConfigResponse> responses) {
                            if (!AGENTS.contains(request.getOrgId() + "/" + request.getAgentId())) {
                                responses.onError(Status.NOT_FOUND.asRuntimeException());
                                return;
                            }
                            String model = "fake-agent-model";
                            if (request.hasModelOverride()) {
                                String tier = request.getModelOverride().getTierId();
                                model = tier.isEmpty()
                                        ? request.getModelOverride().getModel()
                                        : TIERS.get(request.getOrgId() + "/" + tier);
                                if (model == null) {
                                    responses.onError(Status.NOT_FOUND.asRuntimeException());
                                    return;
                                }
                            }
                            responses.onNext(GetRuntimeConfigResponse.newBuilder()
                                    .setConfig(config(request, model))
                                    .build());
                            responses.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spring.grpc.client.channel.agent.target", "static://127.0.0.1:" + server.getPort());
    }

    private static AgentRuntimeConfig config(GetRuntimeConfigRequest request, String model) {
        return AgentRuntimeConfig.newBuilder()
                .setOrgId(request.getOrgId())
                .setAgentId(request.getAgentId())
                .setVersion(1)
                .setStatus("active")
                .setName("agent")
                .addModelChain(ModelTarget.newBuilder()
                        .setProviderId(PROVIDER_ID)
                        .setProviderKind("openai_compatible")
                        .setBaseUrl(FakeProviderExtension.fakeProvider().baseUrl() + "/v1")
                        .setModel(model)
                        .setApiKey(FakeProviderExtension.API_KEY)
                        .setInfo(ModelInfo.newBuilder()
                                .setInputPriceMicrosPerMtok(INPUT_PRICE)
                                .setOutputPriceMicrosPerMtok(OUTPUT_PRICE)))
                .build();
    }
}
