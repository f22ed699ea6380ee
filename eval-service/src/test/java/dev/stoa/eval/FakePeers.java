package dev.stoa.eval;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.Topics;
import dev.stoa.proto.agent.v1.AgentRouting;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.ClearCanaryRequest;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.GetRuntimeConfigResponse;
import dev.stoa.proto.agent.v1.ModelInfo;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.proto.agent.v1.PromoteVersionRequest;
import dev.stoa.proto.agent.v1.SetCanaryRequest;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.TurnEvent;
import dev.stoa.test.service.FakeProviderExtension;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * chat's and agent's side of the wire for eval's ITs: one real gRPC server (once per test JVM) with
 * {@code ChatService/StreamTurn} answering by a script per agent (version and message → answer; "FAIL" fails the turn
 * until healed), {@code AgentRuntimeService/GetRuntimeConfig} knowing the versions a test declared, and
 * {@code SetCanary}/{@code ClearCanary}/{@code PromoteVersion} recorded in {@link #ROUTING} (agent's rules: the canary
 * must be another existing version; a promotion appends a version). Registered before Spring's extension, it points
 * eval's {@code chat} and {@code agent} channels at itself.
 */
final class FakePeers implements BeforeAllCallback {
    /** Agent id → how many versions it has. */
    static final Map<String, Integer> VERSIONS = new ConcurrentHashMap<>();
    /** Agent id → the answer of a version to a message. */
    static final Map<String, BiFunction<Integer, String, String>> SCRIPTS = new ConcurrentHashMap<>();
    /** Every turn request chat received, in order. */
    static final List<RunTurnRequest> TURNS = new CopyOnWriteArrayList<>();
    /** Agent ids whose turns wait (the restart and cancel tests) until released. */
    static final Map<String, Object> HELD = new ConcurrentHashMap<>();
    /** Turns now waiting, per agent. */
    static final Map<String, AtomicInteger> WAITING = new ConcurrentHashMap<>();

    /** Agent id → its current version (agent's default: the latest declared). */
    static final Map<String, Integer> CURRENT = new ConcurrentHashMap<>();
    /** Every routing call, in order: "set:agent:version:percent:actor", "clear:agent:actor", "promote:agent:version:actor". */
    static final List<String> ROUTING = new CopyOnWriteArrayList<>();

    static volatile boolean healed;
    /** Where judge models are (the test kit's fake provider), as agent's model chain names it. */
    static volatile String providerUrl = "http://127.0.0.1:1";

    private static volatile Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    static void agent(String agentId, int versions, BiFunction<Integer, String, String> script) {
        VERSIONS.put(agentId, versions);
        SCRIPTS.put(agentId, script);
    }

    /** The routing calls about {@code agentId}. */
    static List<String> routing(String agentId) {
        return ROUTING.stream().filter(r -> r.contains(":" + agentId + ":")).toList();
    }

    static List<RunTurnRequest> turns(String agentId) {
        return TURNS.stream().filter(t -> t.getAgentId().equals(agentId)).toList();
    }

    static void hold(String agentId) {
        HELD.put(agentId, new Object());
    }

    static void release(String agentId) {
        Object lock = HELD.remove(agentId);
        if (lock != null) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        // before eval starts: its listeners find the topics at once instead of at the next metadata refresh
        StoaKafka.createTopics(Topics.TURNS, Topics.CONVERSATIONS);
        try {
            server = ServerBuilder.forPort(0)
                    .addService(new ChatServiceGrpc.ChatServiceImplBase() {
                        @Override
                        public void streamTurn(RunTurnRequest request, StreamObserver<TurnEvent> events) {
                            TURNS.add(request);
                            Object lock = HELD.get(request.getAgentId());
                            if (lock != null) {
                                AtomicInteger waiting =
                                        WAITING.computeIfAbsent(request.getAgentId(), a -> new AtomicInteger());
                                waiting.incrementAndGet();
                                try {
                                    synchronized (lock) {
                                        while (HELD.get(request.getAgentId()) == lock) {
                                            lock.wait(100);
                                        }
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } finally {
                                    waiting.decrementAndGet();
                                }
                            }
                            String turnId = "turn-"
                                    + Math.abs(request.getIdempotencyKey().hashCode());
                            events.onNext(event(turnId, 1, "turn.started", "{}"));
                            if (request.getMessage().contains("FAIL") && !healed) {
                                events.onNext(event(turnId, 2, "turn.failed", "{\"code\":\"provider_unavailable\"}"));
                                events.onCompleted();
                                return;
                            }
                            if (request.getMessage().startsWith("weather")) {
                                events.onNext(
                                        event(
                                                turnId,
                                                2,
                                                "tool_call.requested",
                                                "{\"call_id\":\"c1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}"));
                            }
                            String answer = SCRIPTS.getOrDefault(request.getAgentId(), (v, m) -> "")
                                    .apply(request.getAgentVersion(), request.getMessage());
                            events.onNext(event(
                                    turnId,
                                    3,
                                    "turn.completed",
                                    "{\"message\":\"" + answer + "\",\"cost_micros\":120}"));
                            events.onCompleted();
                        }
                    })
                    .addService(new AgentRuntimeServiceGrpc.AgentRuntimeServiceImplBase() {
                        @Override
                        public void setCanary(SetCanaryRequest request, StreamObserver<AgentRouting> responses) {
                            int versions = VERSIONS.getOrDefault(request.getAgentId(), 0);
                            int current = CURRENT.getOrDefault(request.getAgentId(), versions);
                            if (versions == 0) {
                                responses.onError(Status.NOT_FOUND.asRuntimeException());
                                return;
                            }
                            if (request.getVersion() == current
                                    || request.getVersion() < 1
                                    || request.getVersion() > versions) {
                                responses.onError(Status.INVALID_ARGUMENT
                                        .withDescription("version")
                                        .asRuntimeException());
                                return;
                            }
                            ROUTING.add("set:" + request.getAgentId() + ":" + request.getVersion() + ":"
                                    + request.getPercent() + ":" + request.getActorUserId());
                            responses.onNext(AgentRouting.newBuilder()
                                    .setCurrentVersion(current)
                                    .setCanaryVersion(request.getVersion())
                                    .setCanaryPercent(request.getPercent())
                                    .build());
                            responses.onCompleted();
                        }

                        @Override
                        public void clearCanary(ClearCanaryRequest request, StreamObserver<AgentRouting> responses) {
                            int versions = VERSIONS.getOrDefault(request.getAgentId(), 0);
                            ROUTING.add("clear:" + request.getAgentId() + ":" + request.getActorUserId());
                            responses.onNext(AgentRouting.newBuilder()
                                    .setCurrentVersion(CURRENT.getOrDefault(request.getAgentId(), versions))
                                    .build());
                            responses.onCompleted();
                        }

                        @Override
                        public void promoteVersion(
                                PromoteVersionRequest request, StreamObserver<AgentRouting> responses) {
                            int versions = VERSIONS.getOrDefault(request.getAgentId(), 0);
                            if (request.getVersion() < 1 || request.getVersion() > versions) {
                                responses.onError(Status.INVALID_ARGUMENT.asRuntimeException());
                                return;
                            }
                            ROUTING.add("promote:" + request.getAgentId() + ":" + request.getVersion() + ":"
                                    + request.getActorUserId());
                            VERSIONS.put(request.getAgentId(), versions + 1);
                            CURRENT.put(request.getAgentId(), versions + 1);
                            responses.onNext(AgentRouting.newBuilder()
                                    .setCurrentVersion(versions + 1)
                                    .build());
                            responses.onCompleted();
                        }

                        @Override
                        public void getRuntimeConfig(
                                GetRuntimeConfigRequest request, StreamObserver<GetRuntimeConfigResponse> responses) {
                            int versions = VERSIONS.getOrDefault(request.getAgentId(), 0);
                            if (request.getVersion() < 1 || request.getVersion() > versions) {
                                responses.onError(Status.NOT_FOUND.asRuntimeException());
                                return;
                            }
                            if (request.getModelOverride().getProviderId().equals("prov_missing")) {
                                responses.onError(Status.FAILED_PRECONDITION.asRuntimeException());
                                return;
                            }
                            responses.onNext(GetRuntimeConfigResponse.newBuilder()
                                    .setConfig(AgentRuntimeConfig.newBuilder()
                                            .setOrgId(request.getOrgId())
                                            .setAgentId(request.getAgentId())
                                            .setVersion(request.getVersion())
                                            .setStatus("active")
                                            .addModelChain(ModelTarget.newBuilder()
                                                    .setProviderId("prov_fake")
                                                    .setProviderKind("openai_compatible")
                                                    .setBaseUrl(providerUrl)
                                                    .setApiKey(FakeProviderExtension.API_KEY)
                                                    .setModel(
                                                            request.hasModelOverride()
                                                                    ? request.getModelOverride()
                                                                            .getModel()
                                                                    : "fake-1")
                                                    .setInfo(ModelInfo.newBuilder()
                                                            .setInputPriceMicrosPerMtok(2_000_000)
                                                            .setOutputPriceMicrosPerMtok(10_000_000))))
                                    .build());
                            responses.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spring.grpc.client.channel.chat.target", "static://127.0.0.1:" + server.getPort());
        System.setProperty("spring.grpc.client.channel.agent.target", "static://127.0.0.1:" + server.getPort());
    }

    private static TurnEvent event(String turnId, long seq, String type, String data) {
        return TurnEvent.newBuilder()
                .setConversationId("conv-" + turnId)
                .setTurnId(turnId)
                .setSequence(seq)
                .setType(type)
                .setDataJson(data)
                .build();
    }
}
