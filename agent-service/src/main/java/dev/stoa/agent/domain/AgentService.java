package dev.stoa.agent.domain;

import dev.stoa.agent.domain.AgentWriter.Change;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.Canary;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.model.PromptBlock;
import dev.stoa.agent.domain.model.RateLimits;
import dev.stoa.agent.domain.model.Status;
import dev.stoa.agent.domain.model.Usage;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents: create, read, change (every configuration change is a new immutable version), pause and resume (not
 * versioned), soft delete, versions, rollback and the canary.
 */
@Service
public final class AgentService {
    private final AgentRepository agents;
    private final AgentWriter writer;
    private final AgentEvents events;
    private final TransactionTemplate transactions;
    private final UsageRecorder usage;

    public AgentService(
            AgentRepository agents,
            AgentWriter writer,
            AgentEvents events,
            TransactionTemplate transactions,
            UsageRecorder usage) {
        this.agents = agents;
        this.writer = writer;
        this.events = events;
        this.transactions = transactions;
        this.usage = usage;
    }

    /** The model of a request: {@code tier} alone, or {@code providerId} with {@code model}. */
    public record ModelInput(
            @Nullable String tier,
            @Nullable String providerId,
            @Nullable String model) {}

    /** A prompt block to add. */
    public record BlockInput(
            String name, String content, @Nullable Boolean enabled) {}

    /** A new agent; JSON documents are compact JSON text. */
    public record NewAgent(
            String name,
            @Nullable String description,
            @Nullable ModelInput model,
            List<BlockInput> promptBlocks,
            @Nullable String inputSchema,
            @Nullable String outputSchema,
            @Nullable Integer requestsPerMinute,
            @Nullable Integer tokensPerMinute,
            @Nullable BigDecimal monthlyBudgetUsd,
            @Nullable String metadata) {}

    /** Changes to an agent; null leaves a field as it is. */
    public record AgentChanges(
            @Nullable String name,
            @Nullable String description,
            @Nullable ModelInput model,
            @Nullable Integer requestsPerMinute,
            @Nullable Integer tokensPerMinute,
            @Nullable BigDecimal monthlyBudgetUsd,
            @Nullable String metadata) {}

    public Agent create(Principal principal, NewAgent request) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        if (request.promptBlocks().size() > AgentRules.MAX_BLOCKS) {
            throw new InvalidInputException("prompt_blocks", "must hold at most " + AgentRules.MAX_BLOCKS + " blocks");
        }
        List<PromptBlock> blocks = new ArrayList<>();
        for (int i = 0; i < request.promptBlocks().size(); i++) {
            BlockInput block = request.promptBlocks().get(i);
            AgentRules.blockName("prompt_blocks[" + i + "].name", block.name());
            AgentRules.blockContent("prompt_blocks[" + i + "].content", block.content());
            blocks.add(new PromptBlock(
                    Ids.generate("blk"),
                    block.name().strip(),
                    block.content(),
                    !Boolean.FALSE.equals(block.enabled())));
        }
        String input =
                request.inputSchema() == null ? null : JsonDocuments.schema("input_schema", request.inputSchema());
        String output =
                request.outputSchema() == null ? null : JsonDocuments.schema("output_schema", request.outputSchema());
        String metadata = request.metadata() == null
                ? "{}"
                : JsonDocuments.object("metadata", request.metadata(), JsonDocuments.MAX_METADATA_BYTES);
        RateLimits limits = new RateLimits(
                AgentRules.rate("rate_limits.requests_per_minute", request.requestsPerMinute(), 0),
                AgentRules.rate("rate_limits.tokens_per_minute", request.tokensPerMinute(), 0));
        long budget = request.monthlyBudgetUsd() == null ? 0 : AgentRules.budgetMicros(request.monthlyBudgetUsd());
        String actor = Access.actor(principal);
        return transactions.execute(status -> {
            ModelInput in = request.model();
            ModelRef model = in == null ? null : writer.resolveModel(orgId, in.tier(), in.providerId(), in.model());
            AgentConfig config = new AgentConfig(
                    request.name().strip(),
                    blankToNull(request.description()),
                    model,
                    blocks,
                    input,
                    output,
                    limits,
                    budget,
                    metadata);
            OffsetDateTime now = writer.now();
            String id = Ids.generate("agt");
            Agent agent = new Agent(id, orgId, Status.ACTIVE, 1, null, config, actor, now, now);
            agents.insert(agent, new AgentVersion(id, 1, config, "created", null, !blocks.isEmpty(), actor, now));
            events.agentChanged(orgId, id, 1, "created");
            return agent;
        });
    }

    public Agent get(Principal principal, String agentId) {
        return writer.get(Access.read(principal, Access.AGENTS_READ), agentId);
    }

    public Page<Agent> list(Principal principal, @Nullable Status status, PageRequest page) {
        return agents.list(Access.read(principal, Access.AGENTS_READ), status, page);
    }

    public Agent update(Principal principal, String agentId, @Nullable Integer expectedVersion, AgentChanges changes) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        String metadata = changes.metadata() == null
                ? null
                : JsonDocuments.object("metadata", changes.metadata(), JsonDocuments.MAX_METADATA_BYTES);
        Long budget = changes.monthlyBudgetUsd() == null ? null : AgentRules.budgetMicros(changes.monthlyBudgetUsd());
        return writer.changeConfig(
                orgId, Access.actor(principal), agentId, expectedVersion, Change.updated("updated"), current -> {
                    ModelInput in = changes.model();
                    ModelRef model = in == null
                            ? current.model()
                            : writer.resolveModel(orgId, in.tier(), in.providerId(), in.model());
                    RateLimits limits = new RateLimits(
                            AgentRules.rate(
                                    "rate_limits.requests_per_minute",
                                    changes.requestsPerMinute(),
                                    current.rateLimits().requestsPerMinute()),
                            AgentRules.rate(
                                    "rate_limits.tokens_per_minute",
                                    changes.tokensPerMinute(),
                                    current.rateLimits().tokensPerMinute()));
                    return new AgentConfig(
                            changes.name() == null
                                    ? current.name()
                                    : changes.name().strip(),
                            changes.description() == null ? current.description() : blankToNull(changes.description()),
                            model,
                            current.promptBlocks(),
                            current.inputSchema(),
                            current.outputSchema(),
                            limits,
                            budget == null ? current.monthlyBudgetMicros() : budget,
                            metadata == null ? current.metadata() : metadata);
                });
    }

    /** Hides the agent from every read; its versions stay for audit. */
    public void delete(Principal principal, String agentId, @Nullable Integer expectedVersion) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        writer.locked(orgId, agentId, expectedVersion, current -> {
            agents.softDelete(orgId, agentId, writer.now());
            events.agentChanged(orgId, agentId, current.version(), "deleted");
            return current;
        });
    }

    /** Pauses or resumes; idempotent, and not a new version (the configuration does not change). */
    public Agent setStatus(Principal principal, String agentId, @Nullable Integer expectedVersion, Status status) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        return writer.locked(orgId, agentId, expectedVersion, current -> {
            if (current.status() == status) {
                return current;
            }
            agents.setStatus(orgId, agentId, status, writer.now());
            events.agentChanged(orgId, agentId, current.version(), status == Status.PAUSED ? "paused" : "resumed");
            return agents.find(orgId, agentId).orElseThrow();
        });
    }

    public Page<AgentVersion> versions(Principal principal, String agentId, PageRequest page) {
        String orgId = Access.read(principal, Access.AGENTS_READ);
        writer.get(orgId, agentId);
        return agents.versions(orgId, agentId, page, false);
    }

    public AgentVersion version(Principal principal, String agentId, int version) {
        String orgId = Access.read(principal, Access.AGENTS_READ);
        writer.get(orgId, agentId);
        return agents.version(orgId, agentId, version).orElseThrow(() -> versionNotFound(agentId, version));
    }

    /** A new version equal to {@code version} (the history is never rewritten). */
    public Agent rollback(Principal principal, String agentId, int version, @Nullable Integer expectedVersion) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        return writer.changeConfig(
                orgId,
                Access.actor(principal),
                agentId,
                expectedVersion,
                Change.rollback("rolled_back", version),
                current -> {
                    AgentConfig target = agents.version(orgId, agentId, version)
                            .orElseThrow(() -> versionNotFound(agentId, version))
                            .config();
                    writer.requireModelAvailable(orgId, target.model(), version);
                    return target;
                });
    }

    /** Routes {@code percent} of new conversations to {@code version}; not a new version. */
    public Agent setCanary(
            Principal principal, String agentId, int version, int percent, @Nullable Integer expectedVersion) {
        return setCanaryIn(
                Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER), agentId, version, percent, expectedVersion);
    }

    /** The canary of an agent of {@code orgId}, for a caller whose right to change it was checked. */
    Agent setCanaryIn(String orgId, String agentId, int version, int percent, @Nullable Integer expectedVersion) {
        if (percent < 0 || percent > 100) {
            throw new InvalidInputException("percent", "must be between 0 and 100");
        }
        return writer.locked(orgId, agentId, expectedVersion, current -> {
            if (version == current.version()) {
                throw new InvalidInputException("version", "is the current version; a canary must be another one");
            }
            AgentVersion target = agents.version(orgId, agentId, version)
                    .orElseThrow(() -> new InvalidInputException("version", "the agent has no such version"));
            writer.requireModelAvailable(orgId, target.config().model(), version);
            Canary canary = new Canary(version, percent);
            if (canary.equals(current.canary())) {
                return current;
            }
            agents.setCanary(orgId, agentId, canary, writer.now());
            events.agentChanged(orgId, agentId, current.version(), "canary_changed");
            return agents.find(orgId, agentId).orElseThrow();
        });
    }

    public Agent clearCanary(Principal principal, String agentId, @Nullable Integer expectedVersion) {
        return clearCanaryIn(Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER), agentId, expectedVersion);
    }

    /** Stops the canary of an agent of {@code orgId} (idempotent); the caller's right was checked. */
    Agent clearCanaryIn(String orgId, String agentId, @Nullable Integer expectedVersion) {
        return writer.locked(orgId, agentId, expectedVersion, current -> {
            if (current.canary() == null) {
                return current;
            }
            agents.setCanary(orgId, agentId, null, writer.now());
            events.agentChanged(orgId, agentId, current.version(), "canary_changed");
            return agents.find(orgId, agentId).orElseThrow();
        });
    }

    /** Configured limits and the usage recorded over the last minute (zero when none was recorded). */
    public RateLimitStatus rateLimits(Principal principal, String agentId) {
        String orgId = Access.read(principal, Access.AGENTS_READ);
        Agent agent = writer.get(orgId, agentId);
        return new RateLimitStatus(
                agent.id(),
                agent.config().rateLimits(),
                usage.current(orgId, agent).usage());
    }

    /** An agent's limits and its usage over the last minute. */
    public record RateLimitStatus(String agentId, RateLimits limits, Usage usage) {}

    static NotFoundException versionNotFound(String agentId, int version) {
        return new NotFoundException("agent_version", agentId + "@" + version);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
