package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.agent.domain.port.ProviderRepository;
import dev.stoa.agent.domain.port.TierRepository;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way an agent changes: lock its row, check the caller's expected version (optimistic locking), apply the
 * edit, and if anything changed append an immutable version and outbox {@code AgentChanged}, all in one
 * transaction. Concurrent writers queue on the row lock, so no version is ever lost or written twice.
 */
@Component
final class AgentWriter {
    private final AgentRepository agents;
    private final ProviderRepository providers;
    private final TierRepository tiers;
    private final AgentEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AgentWriter(
            AgentRepository agents,
            ProviderRepository providers,
            TierRepository tiers,
            AgentEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.agents = agents;
        this.providers = providers;
        this.tiers = tiers;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What produced a version, and the event it publishes. */
    record Change(String kind, String event, @Nullable Integer sourceVersion) {
        static Change updated(String kind) {
            return new Change(kind, "updated", null);
        }

        static Change rollback(String kind, int source) {
            return new Change(kind, "rolled_back", source);
        }
    }

    /** Applies {@code edit} to the agent's current config; a no-op edit creates no version. */
    Agent changeConfig(
            String orgId,
            String actor,
            String agentId,
            @Nullable Integer expectedVersion,
            Change change,
            UnaryOperator<AgentConfig> edit) {
        return locked(orgId, agentId, expectedVersion, current -> {
            AgentConfig next = edit.apply(current.config());
            if (next.equals(current.config())) {
                return current;
            }
            AgentVersion version = new AgentVersion(
                    agentId,
                    current.version() + 1,
                    next,
                    change.kind(),
                    change.sourceVersion(),
                    !next.promptBlocks().equals(current.config().promptBlocks()),
                    actor,
                    now());
            agents.appendVersion(orgId, version);
            events.agentChanged(orgId, agentId, version.version(), change.event());
            return agents.find(orgId, agentId).orElseThrow();
        });
    }

    /** Runs {@code work} on the locked, live agent after checking the expected version. */
    <T> T locked(String orgId, String agentId, @Nullable Integer expectedVersion, Function<Agent, T> work) {
        T result = transactions.execute(status -> {
            if (!Ids.isValid("agt", agentId) || !agents.lock(orgId, agentId)) {
                throw notFound(agentId);
            }
            Agent current = agents.find(orgId, agentId).orElseThrow(() -> notFound(agentId));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ConflictException(
                        "version_conflict",
                        "the agent is at version " + current.version() + ", not " + expectedVersion
                                + "; reload it and retry");
            }
            return work.apply(current);
        });
        if (result == null) {
            throw new IllegalStateException("transaction returned no result");
        }
        return result;
    }

    /** A live agent of the org, or 404 (also for malformed and foreign ids). */
    Agent get(String orgId, String agentId) {
        if (!Ids.isValid("agt", agentId)) {
            throw notFound(agentId);
        }
        return agents.find(orgId, agentId).orElseThrow(() -> notFound(agentId));
    }

    /** A model reference from the request: a tier by name or id, or an existing provider with a model name. */
    ModelRef resolveModel(String orgId, @Nullable String tier, @Nullable String providerId, @Nullable String model) {
        boolean direct = providerId != null || model != null;
        if ((tier != null) == direct) {
            throw new InvalidInputException(
                    "model", "must be either {\"tier\": name or id} or {\"provider_id\": ..., \"model\": ...}");
        }
        if (tier != null) {
            var found = tiers.findShared(orgId, tier, Ids.isValid("tier", tier));
            return new ModelRef.Tier(
                    found.orElseThrow(() -> new InvalidInputException("model.tier", "no tier with this name or id"))
                            .id());
        }
        if (providerId == null || providerId.isBlank()) {
            throw new InvalidInputException("model.provider_id", "is required with model");
        }
        if (model == null || model.isBlank() || model.length() > AgentRules.MAX_MODEL_NAME) {
            throw new InvalidInputException("model.model", "must be 1 to " + AgentRules.MAX_MODEL_NAME + " characters");
        }
        if (!Ids.isValid("prv", providerId)
                || providers.findShared(orgId, providerId).isEmpty()) {
            throw new InvalidInputException("model.provider_id", "no provider with this id");
        }
        return new ModelRef.Direct(providerId, model.strip());
    }

    /** Before restoring an old config: its provider or tier must still exist. */
    void requireModelAvailable(String orgId, @Nullable ModelRef model, int version) {
        boolean available =
                switch (model) {
                    case ModelRef.Direct direct ->
                        providers.findShared(orgId, direct.providerId()).isPresent();
                    case ModelRef.Tier tier ->
                        tiers.findShared(orgId, tier.tierId(), true).isPresent();
                    case null -> true;
                };
        if (!available) {
            throw new FailedPreconditionException(
                    "model_unavailable",
                    "version " + version + " uses a provider or tier that no longer exists; roll back to another "
                            + "version or change the model");
        }
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    static NotFoundException notFound(String agentId) {
        return new NotFoundException("agent", agentId);
    }
}
