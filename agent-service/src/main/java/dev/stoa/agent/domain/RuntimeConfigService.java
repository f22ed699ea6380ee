package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.model.Provider;
import dev.stoa.agent.domain.model.ResolvedTarget;
import dev.stoa.agent.domain.model.RuntimeConfig;
import dev.stoa.agent.domain.model.Tier;
import dev.stoa.agent.domain.model.TierTarget;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.agent.domain.port.ProviderRepository;
import dev.stoa.agent.domain.port.TierRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.id.Ids;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves an agent version into what a platform service needs to run a turn: the model chain (a tier's current
 * targets, or one provider + model) with decrypted keys and catalog facts, and the assembled system prompt. Tiers
 * are resolved here, at read time, so agents follow changes to them without a new version.
 */
@Service
public final class RuntimeConfigService {
    private final AgentRepository agents;
    private final TierRepository tiers;
    private final ProviderRepository providers;
    private final ProviderService providerService;
    private final CatalogService catalog;
    private final TransactionTemplate transactions;

    public RuntimeConfigService(
            AgentRepository agents,
            TierRepository tiers,
            ProviderRepository providers,
            ProviderService providerService,
            CatalogService catalog,
            TransactionTemplate transactions) {
        this.agents = agents;
        this.tiers = tiers;
        this.providers = providers;
        this.providerService = providerService;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    /**
     * The runtime config of {@code version} (0: the version serving a new conversation with this key, canary
     * included). Only platform services may ask: the answer carries decrypted provider keys.
     */
    public RuntimeConfig get(Principal caller, String orgId, String agentId, int version, String conversationKey) {
        return get(caller, orgId, agentId, version, conversationKey, null);
    }

    /**
     * As {@link #get(Principal, String, String, int, String)}, with the model chain of {@code modelOverride} when it
     * is given (a model chosen apart from the agent's own: memory extraction, eval judges).
     */
    public RuntimeConfig get(
            Principal caller,
            String orgId,
            String agentId,
            int version,
            String conversationKey,
            @Nullable ModelRef modelOverride) {
        if (!caller.isService()) {
            throw new PermissionDeniedException(
                    "service_only", "runtime configs are for platform services only (they carry provider keys)");
        }
        if (orgId.isBlank()) {
            throw new InvalidInputException("org_id", "is required");
        }
        if (version < 0) {
            throw new InvalidInputException("version", "must be 0 (serving version) or a version number");
        }
        if (!Ids.isValid("agt", agentId)) {
            throw new NotFoundException("agent", agentId);
        }
        RuntimeConfig config = transactions.execute(status -> {
            Agent agent = agents.find(orgId, agentId).orElseThrow(() -> new NotFoundException("agent", agentId));
            int chosen = version == 0 ? CanaryRouter.servingVersion(agent, conversationKey) : version;
            AgentVersion snapshot = agents.version(orgId, agentId, chosen)
                    .orElseThrow(() -> AgentService.versionNotFound(agentId, chosen));
            return new RuntimeConfig(
                    agent,
                    snapshot,
                    chain(
                            orgId,
                            modelOverride != null
                                    ? modelOverride
                                    : snapshot.config().model()),
                    PromptTemplates.assemble(snapshot.config().promptBlocks()));
        });
        if (config == null) {
            throw new IllegalStateException("transaction returned no result");
        }
        return config;
    }

    private List<ResolvedTarget> chain(String orgId, @Nullable ModelRef model) {
        return switch (model) {
            case ModelRef.Direct direct -> List.of(target(orgId, direct.providerId(), direct.model()));
            case ModelRef.Tier ref -> {
                Tier tier = tiers.find(orgId, ref.tierId())
                        .orElseThrow(() -> new FailedPreconditionException(
                                "tier_missing", "the tier does not exist (any more); choose another model"));
                List<ResolvedTarget> out = new ArrayList<>();
                for (TierTarget target : tier.targets()) {
                    out.add(target(orgId, target.providerId(), target.model()));
                }
                yield out;
            }
            case null -> throw new FailedPreconditionException("agent_model_missing", "the agent has no model yet");
        };
    }

    private ResolvedTarget target(String orgId, String providerId, String model) {
        Provider provider = providers
                .find(orgId, providerId)
                .orElseThrow(() -> new FailedPreconditionException(
                        "provider_missing", "the provider does not exist (any more); choose another model"));
        return new ResolvedTarget(
                providerService.credential(orgId, provider),
                model,
                catalog.info(orgId, provider.kind(), model).orElse(null));
    }
}
