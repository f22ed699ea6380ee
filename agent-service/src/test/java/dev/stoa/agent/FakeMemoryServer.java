package dev.stoa.agent;

import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
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
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * memory-service's {@code Memory/Recall} as agent-service's prompt preview sees it over the wire: a real gRPC server
 * (once per test JVM) whose answer for an agent a test gives as a function of the request (throwing a
 * {@link Failure} fails the call). Agents no test set up have memory off. Registered before Spring's
 * extension, it points agent-service's {@code memory} channel at itself.
 */
final class FakeMemoryServer implements BeforeAllCallback {
    /** An answer, or a failed call. */
    interface Responder extends Function<RecallRequest, RecallResponse> {}

    private static final Map<String, Responder> BY_AGENT = new ConcurrentHashMap<>();
    private static final List<RecallRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        serve();
    }

    private static synchronized void serve() {
        if (server != null) {
            return;
        }
        MemoryGrpc.AsyncService memory = new MemoryGrpc.AsyncService() {
            @Override
            public void recall(RecallRequest request, StreamObserver<RecallResponse> out) {
                REQUESTS.add(request);
                Responder responder = BY_AGENT.get(request.getAgentId());
                RecallResponse response;
                try {
                    response = responder == null
                            ? RecallResponse.newBuilder().setEnabled(false).build()
                            : responder.apply(request);
                } catch (Failure failure) {
                    out.onError(failure.status.asRuntimeException());
                    return;
                }
                out.onNext(response);
                out.onCompleted();
            }
        };
        try {
            server = ServerBuilder.forPort(0)
                    .addService(MemoryGrpc.bindService(memory))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spring.grpc.client.channel.memory.target", "static://127.0.0.1:" + server.getPort());
    }

    static void respond(String agentId, Responder responder) {
        BY_AGENT.put(agentId, responder);
    }

    /** Fails every recall for {@code agentId} with {@code status}. */
    static void fail(String agentId, Status status) {
        respond(agentId, request -> {
            throw new Failure(status);
        });
    }

    static List<RecallRequest> requests(String agentId) {
        return REQUESTS.stream().filter(r -> r.getAgentId().equals(agentId)).toList();
    }

    /** A call the fake fails. */
    static final class Failure extends RuntimeException {
        private final transient Status status;

        Failure(Status status) {
            super(status.getCode().name(), null, false, false);
            this.status = status;
        }
    }
}
