package dev.stoa.safetyclient;

import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc.SafetyPoliciesBlockingStub;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyPolicy;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety policy in effect for an agent, asked of monitoring's {@code SafetyPolicies} service and kept for a short
 * time, so a change made through {@code PUT /api/v1/monitoring/safety/config} applies within that time.
 *
 * <p>When monitoring cannot answer, the last policy it gave for the agent stays in force however old it is (an org
 * that blocks card numbers keeps blocking them through a monitoring outage); an agent never answered for gets the
 * documented default, which flags and never blocks. Monitoring is asked again once the ttl has passed, not on every
 * call, so an outage costs a caller one deadline per ttl at most. Each miss is counted
 * ({@code stoa.safety.policy_unavailable}) and logged at most once a minute.
 */
public final class SafetyPolicyClient {
    static final int MAX_AGENTS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(SafetyPolicyClient.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final SafetyPoliciesBlockingStub stub;
    private final Duration deadline;
    private final long ttlNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Counter unavailable;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    private record Known(SafetyPolicy policy, long atNanos) {}

    public SafetyPolicyClient(SafetyPoliciesBlockingStub stub, Duration deadline, Duration ttl, MeterRegistry meters) {
        this.stub = stub;
        this.deadline = deadline;
        this.ttlNanos = ttl.toNanos();
        this.unavailable = Counter.builder("stoa.safety.policy_unavailable")
                .description(
                        "safety policy lookups monitoring did not answer (the last known policy or the default applied)")
                .register(meters);
    }

    /** The policy of {@code agentId} in {@code orgId} (the agent's override, else the org's, else the default). */
    public SafetyPolicy policyOf(String orgId, @Nullable String agentId) {
        String key = orgId + "/" + (agentId == null ? "" : agentId);
        long now = System.nanoTime();
        Known cached = known.get(key);
        if (cached != null && now - cached.atNanos() < ttlNanos) {
            return cached.policy();
        }
        try {
            dev.stoa.proto.monitoring.v1.SafetyPolicy wire = stub.withDeadlineAfter(
                            deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getPolicy(GetPolicyRequest.newBuilder()
                            .setOrgId(orgId)
                            .setAgentId(agentId == null ? "" : agentId)
                            .build())
                    .getPolicy();
            SafetyPolicy policy = fromWire(wire);
            if (known.size() >= MAX_AGENTS) {
                known.clear();
            }
            known.put(key, new Known(policy, now));
            return policy;
        } catch (StatusRuntimeException e) {
            unavailable.increment();
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
                log.warn(
                        "monitoring did not answer for a safety policy ({}); the last known policy or the default applies",
                        e.getStatus().getCode());
            }
            // What applies meanwhile is kept for the ttl too, so callers do not each wait for the deadline again
            SafetyPolicy meanwhile = cached != null ? cached.policy() : SafetyPolicy.defaults();
            known.put(key, new Known(meanwhile, now));
            return meanwhile;
        }
    }

    static SafetyPolicy fromWire(dev.stoa.proto.monitoring.v1.SafetyPolicy wire) {
        Map<String, DetectorRule> rules = new HashMap<>();
        wire.getDetectorsMap()
                .forEach((id, rule) -> rules.put(id, DetectorRule.fromWire(rule.getEnabled(), rule.getAction())));
        return SafetyPolicy.fromWire(rules, wire.getSurfacesList());
    }
}
