package dev.stoa.memoryclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryRecallClientTest {
    private final List<RecallRequest> asked = new CopyOnWriteArrayList<>();
    /** What the fake answers next: a response, a status to fail with, or "hang" (never answers). */
    private final AtomicReference<Object> answer = new AtomicReference<>();

    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new MemoryGrpc.MemoryImplBase() {
                    @Override
                    public void recall(RecallRequest request, StreamObserver<RecallResponse> responses) {
                        asked.add(request);
                        Object next = answer.get();
                        if (next instanceof Status status) {
                            responses.onError(status.asRuntimeException());
                        } else if (next instanceof RecallResponse response) {
                            responses.onNext(response);
                            responses.onCompleted();
                        } else {
                            try {
                                release.await(5, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            responses.onError(Status.CANCELLED.asRuntimeException());
                        }
                    }
                })
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        channel.shutdownNow();
        server.shutdownNow();
    }

    private MemoryRecallClient client(Duration deadline) {
        return new MemoryRecallClient(MemoryGrpc.newBlockingStub(channel), deadline, meters);
    }

    private double failures() {
        return meters.counter("stoa.memory.recall.failures").count();
    }

    @Test
    void readsTheFactsMostRelevantFirstAndSendsTheTurnsScope() {
        answer.set(RecallResponse.newBuilder()
                .setEnabled(true)
                .addFacts(dev.stoa.proto.memory.v1.RecalledFact.newBuilder()
                        .setFactId("fct_1")
                        .setText("The user lives in Lisbon")
                        .setCategory("personal")
                        .setConfidence(0.9)
                        .setScore(0.72)
                        .setValidFrom(Timestamp.newBuilder().setSeconds(1_700_000_000L)))
                .addFacts(dev.stoa.proto.memory.v1.RecalledFact.newBuilder()
                        .setFactId("fct_2")
                        .setText("The user prefers tea")
                        .setCategory("preference")
                        .setScore(0.41))
                .build());

        Recall recall = client(Duration.ofSeconds(1)).recall("org-1", "agent-1", "user-1", "where do I live?", 5);

        assertThat(recall.answered()).isTrue();
        assertThat(recall.enabled()).isTrue();
        assertThat(recall.factIds()).containsExactly("fct_1", "fct_2");
        assertThat(recall.facts().getFirst())
                .isEqualTo(new RecalledFact(
                        "fct_1",
                        "The user lives in Lisbon",
                        "personal",
                        0.9,
                        0.72,
                        Instant.ofEpochSecond(1_700_000_000L)));
        assertThat(recall.facts().getLast().validFrom()).isNull();
        RecallRequest request = asked.getFirst();
        assertThat(request.getOrgId()).isEqualTo("org-1");
        assertThat(request.getAgentId()).isEqualTo("agent-1");
        assertThat(request.getUserId()).isEqualTo("user-1");
        assertThat(request.getQuery()).isEqualTo("where do I live?");
        assertThat(request.getTopK()).isEqualTo(5);
        assertThat(failures()).isZero();
    }

    @Test
    void memoryTurnedOffIsAnAnswerWithoutFacts() {
        answer.set(RecallResponse.newBuilder().setEnabled(false).build());

        Recall recall = client(Duration.ofSeconds(1)).recall("org-1", "agent-1", "user-1", "hi", 0);

        assertThat(recall.answered()).isTrue();
        assertThat(recall.enabled()).isFalse();
        assertThat(recall.facts()).isEmpty();
        assertThat(failures()).isZero();
    }

    @Test
    void aFailingMemoryIsNoMemoryAndCounted() {
        answer.set(Status.UNAVAILABLE);
        MemoryRecallClient client = client(Duration.ofSeconds(1));

        Recall first = client.recall("org-1", "agent-1", "user-1", "hi", 0);
        Recall second = client.recall("org-1", "agent-1", "user-1", "hi", 0);

        assertThat(first).isEqualTo(Recall.unanswered());
        assertThat(second.facts()).isEmpty();
        assertThat(failures()).isEqualTo(2.0);
        assertThat(asked).as("every turn asks again: an outage is not cached").hasSize(2);
    }

    @Test
    void aSlowMemoryCostsTheDeadlineAndNoMore() {
        answer.set("hang");
        long started = System.nanoTime();

        Recall recall = client(Duration.ofMillis(150)).recall("org-1", "agent-1", "user-1", "hi", 0);

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(recall.answered()).isFalse();
        assertThat(recall.facts()).isEmpty();
        assertThat(tookMillis).isGreaterThanOrEqualTo(140).isLessThan(2_000);
        assertThat(failures()).isEqualTo(1.0);
    }

    @Test
    void noMemoryServiceAtAllIsNoMemory() {
        ManagedChannel nowhere =
                InProcessChannelBuilder.forName("no-memory-here").build();
        try {
            Recall recall = new MemoryRecallClient(MemoryGrpc.newBlockingStub(nowhere), Duration.ofMillis(300), meters)
                    .recall("org-1", "agent-1", "user-1", "hi", 0);

            assertThat(recall.answered()).isFalse();
            assertThat(failures()).isEqualTo(1.0);
        } finally {
            nowhere.shutdownNow();
        }
    }

    @Test
    void aLongMessageIsCutToTheQueryLimit() {
        answer.set(RecallResponse.newBuilder().setEnabled(true).build());

        client(Duration.ofSeconds(1)).recall("org-1", "agent-1", "user-1", "x".repeat(5_000), -3);

        assertThat(asked.getFirst().getQuery()).hasSize(MemoryRecallClient.MAX_QUERY_CHARS);
        assertThat(asked.getFirst().getTopK()).isZero();
        String emoji = "x".repeat(MemoryRecallClient.MAX_QUERY_CHARS - 1) + "\uD83D\uDE00";
        assertThat(MemoryRecallClient.cut(emoji))
                .as("never half a surrogate pair")
                .hasSize(MemoryRecallClient.MAX_QUERY_CHARS - 1);
    }
}
