package dev.stoa.chat.spend;

import dev.stoa.chat.domain.port.SpendLedger;
import dev.stoa.proto.monitoring.v1.GetMonthSpendRequest;
import dev.stoa.proto.monitoring.v1.SpendGrpc.SpendBlockingStub;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks monitoring's {@code Spend} service, remembering each agent's answer for a few seconds (a busy agent's turns
 * would otherwise ask once each). When monitoring cannot answer, the last answer known stays in use (or none: the
 * caller goes on with its own records), and monitoring is asked again only once the same few seconds have passed, so
 * an outage costs one deadline per agent and period instead of one per turn: a monitoring outage must neither stop
 * nor slow every chat. Each miss is counted ({@code stoa.chat.spend.ledger_unavailable}) and logged at most once a
 * minute.
 */
public final class GrpcSpendLedger implements SpendLedger {
    static final int MAX_AGENTS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(GrpcSpendLedger.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final SpendBlockingStub stub;
    private final Duration deadline;
    private final long ttlNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Counter unavailable;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** The last answer ({@code NONE} if monitoring never gave one) and when it was asked for. */
    private record Known(long spentMicros, long atNanos) {
        static final long NONE = -1;

        OptionalLong answer() {
            return spentMicros == NONE ? OptionalLong.empty() : OptionalLong.of(spentMicros);
        }
    }

    public GrpcSpendLedger(SpendBlockingStub stub, Duration deadline, Duration ttl, MeterRegistry meters) {
        this.stub = stub;
        this.deadline = deadline;
        this.ttlNanos = ttl.toNanos();
        this.unavailable = Counter.builder("stoa.chat.spend.ledger_unavailable")
                .description("budget checks that went on without monitoring's ledger")
                .register(meters);
    }

    @Override
    public OptionalLong monthSpent(String orgId, String agentId) {
        String key = orgId + "/" + agentId;
        long now = System.nanoTime();
        Known cached = known.get(key);
        if (cached != null && now - cached.atNanos() < ttlNanos) {
            return cached.answer();
        }
        try {
            long spent = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getMonthSpend(GetMonthSpendRequest.newBuilder()
                            .setOrgId(orgId)
                            .setAgentId(agentId)
                            .build())
                    .getSpentMicros();
            remember(key, new Known(spent, now));
            return OptionalLong.of(spent);
        } catch (StatusRuntimeException e) {
            unavailable.increment();
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
                log.warn("the cost ledger could not be asked ({}); budgets use chat's own records", e.getStatus());
            }
            Known stale = new Known(cached == null ? Known.NONE : cached.spentMicros(), now);
            remember(key, stale);
            return stale.answer();
        }
    }

    private void remember(String key, Known answer) {
        if (known.size() >= MAX_AGENTS) {
            known.clear();
        }
        known.put(key, answer);
    }
}
