package dev.stoa.memoryclient;

import com.google.protobuf.Timestamp;
import dev.stoa.proto.memory.v1.MemoryGrpc.MemoryBlockingStub;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks memory-service's {@code Memory/Recall} for the facts relevant to a message, under a short deadline. Memory is
 * an aid, never a condition of a turn: when memory-service fails, is slow or is not deployed the answer is
 * {@link Recall#unanswered()}, counted in {@code stoa.memory.recall.failures}, and logged once when an outage starts
 * and once when it ends (not on every call).
 */
public final class MemoryRecallClient implements MemoryRecall {
    /** The default deadline: a recall is one step in front of every turn, so it may not cost more. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(300);
    /** The query sent at most (characters); the sentence model reads far less, and memory-service caps it too. */
    public static final int MAX_QUERY_CHARS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(MemoryRecallClient.class);

    private final MemoryBlockingStub stub;
    private final Duration deadline;
    private final Counter failures;
    private final AtomicBoolean down = new AtomicBoolean();

    public MemoryRecallClient(MemoryBlockingStub stub, Duration deadline, MeterRegistry meters) {
        this.stub = stub;
        this.deadline = deadline;
        this.failures = Counter.builder("stoa.memory.recall.failures")
                .description("memory recalls memory-service did not answer in time (the turn ran without memory)")
                .register(meters);
    }

    @Override
    public Recall recall(String orgId, String agentId, String userId, String message) {
        return recall(orgId, agentId, userId, message, 0);
    }

    /**
     * The facts memory holds about {@code userId} for {@code agentId} that are relevant to {@code query}, at most
     * {@code topK} (0: the agent's configured default). Never throws.
     */
    public Recall recall(String orgId, String agentId, String userId, String query, int topK) {
        RecallRequest request = RecallRequest.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setUserId(userId)
                .setQuery(cut(query))
                .setTopK(Math.max(0, topK))
                .build();
        RecallResponse response;
        try {
            response = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .recall(request);
        } catch (StatusRuntimeException e) {
            failed(e.getStatus().getCode().toString());
            return Recall.unanswered();
        } catch (RuntimeException e) {
            // A broken channel or an interceptor's failure (e.g. no service token yet) is an outage all the same.
            failed(e.getClass().getSimpleName());
            return Recall.unanswered();
        }
        if (down.compareAndSet(true, false)) {
            log.info("memory-service answers recalls again");
        }
        return new Recall(
                true, response.getEnabled(), response.getEnabled() ? facts(response.getFactsList()) : List.of());
    }

    /** The query within {@link #MAX_QUERY_CHARS}, never ending in half a surrogate pair (memory refuses those). */
    static String cut(String query) {
        if (query.length() <= MAX_QUERY_CHARS) {
            return query;
        }
        int end = Character.isHighSurrogate(query.charAt(MAX_QUERY_CHARS - 1)) ? MAX_QUERY_CHARS - 1 : MAX_QUERY_CHARS;
        return query.substring(0, end);
    }

    private void failed(String reason) {
        failures.increment();
        if (down.compareAndSet(false, true)) {
            log.warn("memory-service did not answer a recall ({}); turns run without memory until it does", reason);
        }
    }

    private static List<RecalledFact> facts(List<dev.stoa.proto.memory.v1.RecalledFact> wire) {
        return wire.stream()
                .map(fact -> new RecalledFact(
                        fact.getFactId(),
                        fact.getText(),
                        fact.getCategory(),
                        fact.getConfidence(),
                        fact.getScore(),
                        fact.hasValidFrom() ? instant(fact.getValidFrom()) : null))
                .toList();
    }

    private static Instant instant(Timestamp at) {
        return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
    }
}
