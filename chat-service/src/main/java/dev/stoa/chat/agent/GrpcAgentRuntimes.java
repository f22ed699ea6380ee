package dev.stoa.chat.agent;

import dev.stoa.agentclient.AgentRuntimeClient;
import dev.stoa.chat.domain.model.AgentRuntime;
import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.chat.domain.model.UsageWindow;
import dev.stoa.chat.domain.port.AgentRuntimes;
import dev.stoa.common.error.StoaException;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.RecordUsageRequest;
import dev.stoa.proto.agent.v1.RecordUsageResponse;
import dev.stoa.providers.ProviderKind;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AgentRuntimes} over agent-service's gRPC: configs through stoa-agent-client's cache (dropped on
 * {@code stoa.agents.v1}), usage through {@code RecordUsage}. Calls carry chat's own service token.
 */
public final class GrpcAgentRuntimes implements AgentRuntimes {
    private final AgentRuntimeClient client;
    private final AgentRuntimeServiceBlockingStub stub;

    public GrpcAgentRuntimes(AgentRuntimeClient client, AgentRuntimeServiceBlockingStub stub) {
        this.client = client;
        this.stub = stub;
    }

    @Override
    public AgentRuntime serving(String orgId, String agentId, String conversationKey) {
        return map(once(() -> client.serving(orgId, agentId, conversationKey)));
    }

    @Override
    public AgentRuntime version(String orgId, String agentId, int version) {
        return map(once(() -> client.version(orgId, agentId, version)));
    }

    /**
     * One more try after a retryable failure (a deadline or an unavailable agent-service): the first call of a fresh
     * process also fetches chat's service token and opens the channel, which a cold machine may not fit in one
     * deadline. Reads only, so trying twice is safe.
     */
    private static AgentRuntimeConfig once(java.util.function.Supplier<AgentRuntimeConfig> call) {
        try {
            return call.get();
        } catch (StoaException e) {
            if (!e.retryable()) {
                throw e;
            }
            return call.get();
        }
    }

    @Override
    public UsageWindow recordUsage(String orgId, String agentId, long requests, long tokens) {
        try {
            RecordUsageResponse response = stub.recordUsage(RecordUsageRequest.newBuilder()
                    .setOrgId(orgId)
                    .setAgentId(agentId)
                    .setRequests(requests)
                    .setTokens(tokens)
                    .build());
            return new UsageWindow(
                    Instant.ofEpochSecond(response.getWindowStartEpochSeconds()),
                    response.getRequests(),
                    response.getTokens(),
                    response.getLimits().getRequestsPerMinute(),
                    response.getLimits().getTokensPerMinute(),
                    response.getLimited().isEmpty() ? null : response.getLimited(),
                    Duration.ofMillis(response.getRetryAfterMillis()));
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }

    static AgentRuntime map(AgentRuntimeConfig config) {
        List<ModelTarget> chain = new ArrayList<>();
        for (var target : config.getModelChainList()) {
            ProviderKind kind;
            try {
                kind = ProviderKind.fromWire(target.getProviderKind());
            } catch (StoaException e) {
                continue; // a kind this build does not speak: skip it, fall back to the next
            }
            chain.add(new ModelTarget(
                    target.getProviderId(),
                    kind,
                    target.getBaseUrl(),
                    target.getModel(),
                    target.getApiKey(),
                    target.getInfo().getContextWindow(),
                    target.getInfo().getInputPriceMicrosPerMtok(),
                    target.getInfo().getOutputPriceMicrosPerMtok()));
        }
        return new AgentRuntime(
                config.getOrgId(),
                config.getAgentId(),
                config.getVersion(),
                "paused".equals(config.getStatus()),
                config.getSystemPrompt(),
                chain,
                config.getRateLimits().getRequestsPerMinute(),
                config.getRateLimits().getTokensPerMinute(),
                config.getMonthlyBudgetMicros(),
                config.getInputSchemaJson(),
                config.getOutputSchemaJson());
    }
}
