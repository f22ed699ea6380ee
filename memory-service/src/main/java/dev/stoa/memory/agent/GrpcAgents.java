package dev.stoa.memory.agent;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.memory.domain.ConfigRejectedException;
import dev.stoa.memory.domain.model.ExtractionModel;
import dev.stoa.memory.domain.model.ModelReply;
import dev.stoa.memory.domain.port.Agents;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.ModelSelector;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.providers.BaseUrlPolicy;
import dev.stoa.providers.ChatMessage;
import dev.stoa.providers.ChatRequest;
import dev.stoa.providers.ChatResult;
import dev.stoa.providers.ProviderClients;
import dev.stoa.providers.ProviderEndpoint;
import dev.stoa.providers.ProviderException;
import dev.stoa.providers.ProviderKind;
import dev.stoa.providers.ProviderSettings;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link Agents} over agent-service's {@code GetRuntimeConfig} (with this service's own token: it is for platform
 * services only) and the provider layer: one shared client and circuit breaker per endpoint, the base URL checked
 * again before each call. Extraction asks for JSON in the prompt; the provider layer has no response_format yet.
 */
public final class GrpcAgents implements Agents {
    /** Room for {@code ExtractionParser.MAX_FACTS} facts. */
    static final int MAX_TOKENS = 2_048;

    private final AgentRuntimeServiceBlockingStub stub;
    private final OutboundPolicy outbound;
    private final ProviderSettings settings;

    public GrpcAgents(AgentRuntimeServiceBlockingStub stub, OutboundPolicy outbound) {
        this.stub = stub.withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true);
        this.outbound = outbound;
        this.settings = ProviderSettings.defaults().withOutbound(outbound);
    }

    @Override
    public void requireAgent(String orgId, String agentId) {
        config(orgId, agentId, null);
    }

    @Override
    public void requireModel(String orgId, String agentId, ExtractionModel model) {
        try {
            AgentRuntimeConfig config = config(orgId, agentId, model);
            if (config.getModelChainCount() == 0) {
                throw new ConfigRejectedException("extraction_model", "resolves to no model");
            }
        } catch (StoaException e) {
            if (Set.of(ErrorKind.NOT_FOUND, ErrorKind.INVALID_ARGUMENT, ErrorKind.FAILED_PRECONDITION)
                    .contains(e.kind())) {
                throw new ConfigRejectedException(
                        "extraction_model", "is not a tier, or a provider and model, of the org: " + e.code());
            }
            throw e;
        }
    }

    @Override
    public ModelReply complete(
            String orgId, String agentId, @Nullable ExtractionModel model, String system, String user) {
        AgentRuntimeConfig config = config(orgId, agentId, model);
        ProviderException last = null;
        for (ModelTarget target : config.getModelChainList()) {
            try {
                return call(target, system, user);
            } catch (ProviderException e) {
                last = e; // the next target of the chain, as chat falls back
            }
        }
        if (last != null) {
            throw last;
        }
        throw new StoaException(ErrorKind.FAILED_PRECONDITION, "no_model", "the agent has no model to extract with");
    }

    private ModelReply call(ModelTarget target, String system, String user) {
        ProviderEndpoint endpoint = ProviderEndpoint.of(
                ProviderKind.fromWire(target.getProviderKind()), target.getBaseUrl(), target.getApiKey());
        BaseUrlPolicy.check(endpoint.baseUrl(), outbound);
        ChatResult result = ProviderClients.create(endpoint, settings)
                .complete(new ChatRequest(
                        target.getModel(), system, List.of(ChatMessage.user(user)), List.of(), MAX_TOKENS, 0.0));
        long in = result.usage().inputTokens();
        long out = result.usage().outputTokens();
        long micros = in * target.getInfo().getInputPriceMicrosPerMtok()
                + out * target.getInfo().getOutputPriceMicrosPerMtok();
        // rounded up, as chat prices turns: nothing is free
        return new ModelReply(
                result.text(), target.getProviderId(), target.getModel(), in, out, (micros + 999_999) / 1_000_000);
    }

    private AgentRuntimeConfig config(String orgId, String agentId, @Nullable ExtractionModel model) {
        GetRuntimeConfigRequest.Builder request =
                GetRuntimeConfigRequest.newBuilder().setOrgId(orgId).setAgentId(agentId);
        if (model != null) {
            ModelSelector.Builder selector = ModelSelector.newBuilder();
            if (model.tierId() != null) {
                selector.setTierId(model.tierId());
            }
            if (model.providerId() != null && model.model() != null) {
                selector.setProviderId(model.providerId()).setModel(model.model());
            }
            request.setModelOverride(selector);
        }
        try {
            return stub.getRuntimeConfig(request.build()).getConfig();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }
}
