package dev.stoa.agentclient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.events.v1.AgentChanged;
import io.grpc.StatusRuntimeException;
import java.time.Duration;

/**
 * Runtime configs of agent versions, cached per (org, agent, version). A version is immutable, but what it resolves
 * to is not: a tier or provider change alters its model chain, and pausing changes its status. So entries are dropped
 * on every {@link AgentChanged} for the agent, or for the whole org when a provider or tier changed; a short TTL
 * bounds staleness should an event be missed. The serving version (canary) is looked up each time.
 */
public final class AgentRuntimeClient {
    private final AgentRuntimeServiceBlockingStub stub;
    private final Cache<Key, AgentRuntimeConfig> cache;

    public AgentRuntimeClient(AgentRuntimeServiceBlockingStub stub, Duration ttl, long maxEntries) {
        this.stub = stub;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .build();
    }

    /** The config of a pinned version (a conversation's), from cache when possible. */
    public AgentRuntimeConfig version(String orgId, String agentId, int version) {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive; use serving() for the current one");
        }
        return cache.get(new Key(orgId, agentId, version), key -> fetch(orgId, agentId, version, ""));
    }

    /** The version that serves a new conversation now (canary applied by {@code conversationKey}); then cached. */
    public AgentRuntimeConfig serving(String orgId, String agentId, String conversationKey) {
        AgentRuntimeConfig config = fetch(orgId, agentId, 0, conversationKey);
        cache.put(new Key(orgId, agentId, config.getVersion()), config);
        return config;
    }

    /** Drops what an event makes stale. */
    public void onChanged(AgentChanged event) {
        if (event.getAgentId().isEmpty()) {
            cache.asMap().keySet().removeIf(key -> key.orgId().equals(event.getOrgId()));
        } else {
            cache.asMap()
                    .keySet()
                    .removeIf(key -> key.orgId().equals(event.getOrgId())
                            && key.agentId().equals(event.getAgentId()));
        }
    }

    /** Number of cached configs (for metrics and tests). */
    public long cachedCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private AgentRuntimeConfig fetch(String orgId, String agentId, int version, String conversationKey) {
        try {
            return stub.getRuntimeConfig(GetRuntimeConfigRequest.newBuilder()
                            .setOrgId(orgId)
                            .setAgentId(agentId)
                            .setVersion(version)
                            .setConversationKey(conversationKey)
                            .build())
                    .getConfig();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }

    private record Key(String orgId, String agentId, int version) {}
}
