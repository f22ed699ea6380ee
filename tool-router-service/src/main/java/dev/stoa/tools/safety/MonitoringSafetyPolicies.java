package dev.stoa.tools.safety;

import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safetyclient.SafetyPolicyClient;
import dev.stoa.tools.domain.port.SafetyPolicies;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link SafetyPolicies} asked of monitoring-service through {@link SafetyPolicyClient} (which keeps the last known
 * policy through an outage, else gives the default, which flags).
 *
 * <p>Only an agent's first call waits for monitoring (at most the client's deadline). Once a policy is older than the
 * ttl, calls go on with it while one background request refreshes it: the dispatch path never waits on monitoring
 * again, not even through an outage, when every request would otherwise be a miss that waits.
 */
public final class MonitoringSafetyPolicies implements SafetyPolicies, AutoCloseable {
    static final int MAX_AGENTS = 10_000;

    private final SafetyPolicyClient client;
    private final long ttlNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final ExecutorService refresher = Executors.newVirtualThreadPerTaskExecutor();

    private record Known(SafetyPolicy policy, long atNanos) {}

    public MonitoringSafetyPolicies(SafetyPolicyClient client, Duration ttl) {
        this.client = client;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public SafetyPolicy policyOf(String orgId, String agentId) {
        String key = orgId + "/" + agentId;
        Known cached = known.get(key);
        if (cached == null) {
            return fetch(orgId, agentId, key);
        }
        if (System.nanoTime() - cached.atNanos() >= ttlNanos && refreshing.add(key)) {
            refresher.execute(() -> {
                try {
                    fetch(orgId, agentId, key);
                } finally {
                    refreshing.remove(key);
                }
            });
        }
        return cached.policy();
    }

    private SafetyPolicy fetch(String orgId, String agentId, String key) {
        SafetyPolicy policy = client.policyOf(orgId, agentId);
        if (known.size() >= MAX_AGENTS) {
            known.clear();
        }
        known.put(key, new Known(policy, System.nanoTime()));
        return policy;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
