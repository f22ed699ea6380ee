package dev.stoa.agent.api.grpc;

import dev.stoa.agent.domain.RuntimeConfigService;
import dev.stoa.agent.domain.ServiceRouting;
import dev.stoa.agent.domain.UsageRecorder;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.model.Canary;
import dev.stoa.agent.domain.model.CatalogModel;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.model.PromptBlock;
import dev.stoa.agent.domain.model.ResolvedTarget;
import dev.stoa.agent.domain.model.RuntimeConfig;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.proto.agent.v1.AgentRouting;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.ClearCanaryRequest;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.GetRuntimeConfigResponse;
import dev.stoa.proto.agent.v1.ModelInfo;
import dev.stoa.proto.agent.v1.ModelSelector;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.proto.agent.v1.PromoteVersionRequest;
import dev.stoa.proto.agent.v1.RateLimits;
import dev.stoa.proto.agent.v1.RecordUsageRequest;
import dev.stoa.proto.agent.v1.RecordUsageResponse;
import dev.stoa.proto.agent.v1.SetCanaryRequest;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code stoa.agent.v1.AgentRuntimeService}: the resolved configuration of an agent version for the platform
 * services that run agents. Only service callers get an answer (it holds decrypted provider keys); the status
 * tells them whether the agent takes new turns ({@code paused}: refuse with {@code agent_paused}). Service callers
 * also set the canary and promote versions for the user they act for (eval-service's A/B tests).
 */
@Service
public final class AgentRuntimeGrpcService extends AgentRuntimeServiceGrpc.AgentRuntimeServiceImplBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RuntimeConfigService runtime;
    private final UsageRecorder usage;
    private final ServiceRouting routing;

    public AgentRuntimeGrpcService(RuntimeConfigService runtime, UsageRecorder usage, ServiceRouting routing) {
        this.runtime = runtime;
        this.usage = usage;
        this.routing = routing;
    }

    @Override
    public void setCanary(SetCanaryRequest request, StreamObserver<AgentRouting> responses) {
        reply(
                responses,
                routing.setCanary(
                        GrpcPrincipal.current(),
                        request.getOrgId(),
                        request.getAgentId(),
                        request.getVersion(),
                        request.getPercent()));
    }

    @Override
    public void clearCanary(ClearCanaryRequest request, StreamObserver<AgentRouting> responses) {
        reply(responses, routing.clearCanary(GrpcPrincipal.current(), request.getOrgId(), request.getAgentId()));
    }

    @Override
    public void promoteVersion(PromoteVersionRequest request, StreamObserver<AgentRouting> responses) {
        reply(
                responses,
                routing.promote(
                        GrpcPrincipal.current(),
                        request.getOrgId(),
                        request.getActorUserId(),
                        request.getAgentId(),
                        request.getVersion()));
    }

    private static void reply(StreamObserver<AgentRouting> responses, Agent agent) {
        AgentRouting.Builder routing = AgentRouting.newBuilder().setCurrentVersion(agent.version());
        Canary canary = agent.canary();
        if (canary != null) {
            routing.setCanaryVersion(canary.version()).setCanaryPercent(canary.percent());
        }
        responses.onNext(routing.build());
        responses.onCompleted();
    }

    @Override
    public void recordUsage(RecordUsageRequest request, StreamObserver<RecordUsageResponse> responses) {
        UsageRecorder.Recorded recorded = usage.record(
                GrpcPrincipal.current(),
                request.getOrgId(),
                request.getAgentId(),
                request.getRequests(),
                request.getTokens());
        responses.onNext(RecordUsageResponse.newBuilder()
                .setWindowStartEpochSeconds(recorded.usage().windowStart().toEpochSecond())
                .setRequests(recorded.usage().requests())
                .setTokens(recorded.usage().tokens())
                .setLimits(RateLimits.newBuilder()
                        .setRequestsPerMinute(recorded.limits().requestsPerMinute())
                        .setTokensPerMinute(recorded.limits().tokensPerMinute()))
                .setLimited(Objects.requireNonNullElse(recorded.admission().limited(), ""))
                .setRetryAfterMillis(recorded.admission().retryAfter().toMillis())
                .build());
        responses.onCompleted();
    }

    @Override
    public void getRuntimeConfig(GetRuntimeConfigRequest request, StreamObserver<GetRuntimeConfigResponse> responses) {
        RuntimeConfig config = runtime.get(
                GrpcPrincipal.current(),
                request.getOrgId(),
                request.getAgentId(),
                request.getVersion(),
                request.getConversationKey(),
                modelOverride(request));
        responses.onNext(
                GetRuntimeConfigResponse.newBuilder().setConfig(toProto(config)).build());
        responses.onCompleted();
    }

    private static @Nullable ModelRef modelOverride(GetRuntimeConfigRequest request) {
        if (!request.hasModelOverride()) {
            return null;
        }
        ModelSelector selector = request.getModelOverride();
        if (!selector.getTierId().isBlank()) {
            return new ModelRef.Tier(selector.getTierId());
        }
        if (selector.getProviderId().isBlank() || selector.getModel().isBlank()) {
            throw new InvalidInputException("model_override", "names a tier_id, or a provider_id and a model");
        }
        return new ModelRef.Direct(selector.getProviderId(), selector.getModel());
    }

    static AgentRuntimeConfig toProto(RuntimeConfig runtime) {
        AgentConfig c = runtime.version().config();
        AgentRuntimeConfig.Builder out = AgentRuntimeConfig.newBuilder()
                .setOrgId(runtime.agent().orgId())
                .setAgentId(runtime.agent().id())
                .setVersion(runtime.version().version())
                .setStatus(runtime.agent().status().wire())
                .setName(c.name())
                .setSystemPrompt(runtime.systemPrompt())
                .setInputSchemaJson(c.inputSchema() == null ? "" : c.inputSchema())
                .setOutputSchemaJson(c.outputSchema() == null ? "" : c.outputSchema())
                .setRateLimits(RateLimits.newBuilder()
                        .setRequestsPerMinute(c.rateLimits().requestsPerMinute())
                        .setTokensPerMinute(c.rateLimits().tokensPerMinute()))
                .setMonthlyBudgetMicros(c.monthlyBudgetMicros())
                .putAllMetadata(metadata(c.metadata()));
        List<PromptBlock> blocks = c.promptBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            PromptBlock block = blocks.get(i);
            if (block.enabled()) {
                out.addPromptBlocks(dev.stoa.proto.agent.v1.PromptBlock.newBuilder()
                        .setId(block.id())
                        .setName(block.name())
                        .setContent(block.content())
                        .setPosition(i));
            }
        }
        for (ResolvedTarget target : runtime.modelChain()) {
            ModelTarget.Builder model = ModelTarget.newBuilder()
                    .setProviderId(target.provider().provider().id())
                    .setProviderKind(target.provider().provider().kind())
                    .setBaseUrl(target.provider().baseUrl())
                    .setModel(target.model())
                    .setApiKey(target.provider().apiKey());
            CatalogModel info = target.info();
            if (info != null) {
                model.setInfo(ModelInfo.newBuilder()
                        .setContextWindow(info.contextWindow())
                        .setInputPriceMicrosPerMtok(info.inputPriceMicros())
                        .setOutputPriceMicrosPerMtok(info.outputPriceMicros())
                        .setSupportsTools(info.supportsTools())
                        .setSupportsStreaming(info.supportsStreaming()));
            }
            out.addModelChain(model);
        }
        return out.build();
    }

    /** The proto map holds strings: string values as they are, any other JSON value as JSON text. */
    private static Map<String, String> metadata(String json) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : JSON.readTree(json).properties()) {
            JsonNode value = field.getValue();
            out.put(field.getKey(), value.isString() ? value.asString() : value.toString());
        }
        return out;
    }
}
