package dev.stoa.chat;

import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
import dev.stoa.proto.memory.v1.RecalledFact;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * memory-service's side of the wire for chat's ITs: a real gRPC server (once per test JVM) answering
 * {@code Memory/Recall} as a test set it up for an agent: facts, memory off, down (UNAVAILABLE) or slow (no answer
 * within chat's deadline). An agent no test set up has its memory off, so other ITs run as before. Registered before
 * Spring's extension, it points chat's {@code memory} channel at itself.
 */
final class FakeMemory implements BeforeAllCallback {
    /** How an agent's memory answers. */
    sealed interface Answer {}

    record Facts(List<RecalledFact> facts) implements Answer {}

    record Off() implements Answer {}

    record Down() implements Answer {}

    /** Answers only once {@link #releaseSlow()} is called (or after 10 s), far past chat's deadline. */
    record Slow() implements Answer {}

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final List<RecallRequest> ASKED = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch slow = new CountDownLatch(1);

    @Override
    public void beforeAll(ExtensionContext context) {
        GrpcPeer.serveOnce("memory", FakeMemory::service);
    }

    private static BindableService service() {
        return new MemoryGrpc.MemoryImplBase() {
            @Override
            public void recall(RecallRequest request, StreamObserver<RecallResponse> responses) {
                ASKED.add(request);
                Answer answer = ANSWERS.getOrDefault(request.getOrgId() + "/" + request.getAgentId(), new Off());
                RecallResponse response =
                        switch (answer) {
                            case Facts facts ->
                                RecallResponse.newBuilder()
                                        .setEnabled(true)
                                        .addAllFacts(facts.facts())
                                        .build();
                            case Off off ->
                                RecallResponse.newBuilder().setEnabled(false).build();
                            case Slow slow -> {
                                awaitRelease();
                                yield RecallResponse.newBuilder()
                                        .setEnabled(true)
                                        .addFacts(fact("fct_late", "A fact that came too late"))
                                        .build();
                            }
                            case Down down -> null;
                        };
                if (response == null) {
                    responses.onError(Status.UNAVAILABLE.asRuntimeException());
                    return;
                }
                responses.onNext(response);
                responses.onCompleted();
            }
        };
    }

    private static void awaitRelease() {
        try {
            slow.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void answer(String orgId, String agentId, Answer answer) {
        ANSWERS.put(orgId + "/" + agentId, answer);
    }

    static void releaseSlow() {
        slow.countDown();
        slow = new CountDownLatch(1);
    }

    /** The recalls asked for {@code agentId}, oldest first. */
    static List<RecallRequest> asked(String agentId) {
        return ASKED.stream().filter(r -> r.getAgentId().equals(agentId)).toList();
    }

    static RecalledFact fact(String id, String text) {
        return RecalledFact.newBuilder()
                .setFactId(id)
                .setText(text)
                .setCategory("personal")
                .setConfidence(0.9)
                .setScore(0.8)
                .build();
    }
}
