package dev.stoa.workflow;

import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.TurnEvent;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.ToolCallFinished;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolError;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * chat's and tool-router's side of the wire for workflow's ITs: one real gRPC server (once per test JVM).
 * {@code ChatService/StreamTurn} answers by a script per agent (message → answer); agents a test holds wait until
 * released. {@code ToolRouterService/InvokeTool} answers {@code {"tool", "args"}}; a tool listed in {@link #FAILING}
 * fails (retryably) that many more times. Every request is recorded, so tests count calls per idempotency key.
 */
final class FakePeers implements BeforeAllCallback {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<RunTurnRequest> TURNS = new CopyOnWriteArrayList<>();
    static final List<InvokeToolRequest> TOOL_CALLS = new CopyOnWriteArrayList<>();
    static final Map<String, Function<String, String>> SCRIPTS = new ConcurrentHashMap<>();
    static final Map<String, Object> HELD = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FAILING = new ConcurrentHashMap<>();

    private static volatile Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    static List<RunTurnRequest> turns(String agentId) {
        return TURNS.stream().filter(t -> t.getAgentId().equals(agentId)).toList();
    }

    static List<InvokeToolRequest> toolCalls(String tool) {
        return TOOL_CALLS.stream().filter(t -> t.getToolName().equals(tool)).toList();
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
        try {
            server = ServerBuilder.forPort(0)
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .addService(new ChatServiceGrpc.ChatServiceImplBase() {
                        @Override
                        public void streamTurn(RunTurnRequest request, StreamObserver<TurnEvent> events) {
                            TURNS.add(request);
                            Object lock = HELD.get(request.getAgentId());
                            if (lock != null) {
                                try {
                                    synchronized (lock) {
                                        while (HELD.get(request.getAgentId()) == lock) {
                                            lock.wait(50);
                                        }
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            String turnId = "turn-"
                                    + Math.floorMod(request.getIdempotencyKey().hashCode(), 1_000_000);
                            String answer = SCRIPTS.getOrDefault(request.getAgentId(), m -> "echo " + m)
                                    .apply(request.getMessage());
                            var data = JSON.createObjectNode()
                                    .put("message", answer)
                                    .put("cost_micros", 10);
                            events.onNext(TurnEvent.newBuilder()
                                    .setConversationId("conv-" + turnId)
                                    .setTurnId(turnId)
                                    .setSequence(1)
                                    .setType("turn.completed")
                                    .setDataJson(data.toString())
                                    .build());
                            events.onCompleted();
                        }
                    })
                    .addService(new ToolRouterServiceGrpc.ToolRouterServiceImplBase() {
                        @Override
                        public void invokeTool(InvokeToolRequest request, StreamObserver<ToolCallUpdate> updates) {
                            TOOL_CALLS.add(request);
                            AtomicInteger failures = FAILING.get(request.getToolName());
                            ToolCallFinished.Builder finished = ToolCallFinished.newBuilder();
                            if (failures != null && failures.getAndDecrement() > 0) {
                                finished.setStatus("failed")
                                        .setError(ToolError.newBuilder()
                                                .setCode("tool_failed")
                                                .setRetryable(true));
                            } else {
                                var result = JSON.createObjectNode().put("tool", request.getToolName());
                                result.set("args", JSON.readTree(request.getArgumentsJson()));
                                finished.setStatus("succeeded").setResultJson(result.toString());
                            }
                            updates.onNext(ToolCallUpdate.newBuilder()
                                    .setCallId(request.getCallId())
                                    .setFinished(finished)
                                    .build());
                            updates.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spring.grpc.client.channel.chat.target", "static://127.0.0.1:" + server.getPort());
        System.setProperty("spring.grpc.client.channel.tool-router.target", "static://127.0.0.1:" + server.getPort());
    }
}
