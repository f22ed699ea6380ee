package dev.stoa.agent.api.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.stoa.agent.api.rest.PromptViews.BlockView;
import dev.stoa.agent.domain.AgentRules;
import dev.stoa.agent.domain.AgentService.RateLimitStatus;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.model.Status;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Agents endpoints: agents, versions, schemas, rate limits (snake_case on the wire). */
public final class AgentViews {
    private AgentViews() {}

    /** An agent's model: {@code tier} (a tier id) or {@code provider_id} + {@code model}. */
    public record ModelView(
            @Nullable String tier,
            @Nullable String providerId,
            @Nullable String model) {
        static @Nullable ModelView of(@Nullable ModelRef ref) {
            return switch (ref) {
                case ModelRef.Tier tier -> new ModelView(tier.tierId(), null, null);
                case ModelRef.Direct direct -> new ModelView(null, direct.providerId(), direct.model());
                case null -> null;
            };
        }
    }

    /** Per-minute limits; 0 means unlimited. */
    public record RateLimitsView(int requestsPerMinute, int tokensPerMinute) {}

    /** The share of new conversations a version serves instead of the current one. */
    public record CanaryView(int version, int percent) {}

    /**
     * An agent. Lists leave out {@code prompt_blocks} and the schemas (fetch the agent, its prompt or its schemas);
     * {@code monthly_budget_usd} is absent when there is no cap.
     */
    public record AgentView(
            String id,
            String name,
            @Nullable String description,
            @OneOf(of = Status.class) String status,
            int version,
            @Nullable ModelView model,
            @Nullable List<BlockView> promptBlocks,
            @JsonRawValue @JsonObject @Nullable String inputSchema,
            @JsonRawValue @JsonObject @Nullable String outputSchema,
            RateLimitsView rateLimits,
            @Nullable BigDecimal monthlyBudgetUsd,
            @JsonRawValue @JsonObject String metadata,
            @Nullable CanaryView canary,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        static AgentView of(Agent agent) {
            return of(agent, true);
        }

        static AgentView summary(Agent agent) {
            return of(agent, false);
        }

        private static AgentView of(Agent agent, boolean full) {
            AgentConfig c = agent.config();
            return new AgentView(
                    agent.id(),
                    c.name(),
                    c.description(),
                    agent.status().wire(),
                    agent.version(),
                    ModelView.of(c.model()),
                    full ? BlockView.of(c.promptBlocks()) : null,
                    full ? c.inputSchema() : null,
                    full ? c.outputSchema() : null,
                    new RateLimitsView(
                            c.rateLimits().requestsPerMinute(), c.rateLimits().tokensPerMinute()),
                    budget(c.monthlyBudgetMicros()),
                    c.metadata(),
                    agent.canary() == null
                            ? null
                            : new CanaryView(
                                    agent.canary().version(), agent.canary().percent()),
                    agent.createdBy(),
                    agent.createdAt(),
                    agent.updatedAt());
        }
    }

    /** The configuration a version captured, in the same shape as the agent's fields. */
    public record ConfigView(
            String name,
            @Nullable String description,
            @Nullable ModelView model,
            List<BlockView> promptBlocks,
            @JsonRawValue @JsonObject @Nullable String inputSchema,
            @JsonRawValue @JsonObject @Nullable String outputSchema,
            RateLimitsView rateLimits,
            @Nullable BigDecimal monthlyBudgetUsd,
            @JsonRawValue @JsonObject String metadata) {
        static ConfigView of(AgentConfig c) {
            return new ConfigView(
                    c.name(),
                    c.description(),
                    ModelView.of(c.model()),
                    BlockView.of(c.promptBlocks()),
                    c.inputSchema(),
                    c.outputSchema(),
                    new RateLimitsView(
                            c.rateLimits().requestsPerMinute(), c.rateLimits().tokensPerMinute()),
                    budget(c.monthlyBudgetMicros()),
                    c.metadata());
        }
    }

    /**
     * An immutable version. {@code change}: created, updated, prompt_updated, schemas_updated, rolled_back or
     * prompt_rolled_back (then {@code source_version} is the version copied). Lists leave out {@code config}.
     */
    public record VersionView(
            String agentId,
            int version,

            @OneOf({"created", "updated", "prompt_updated", "schemas_updated", "rolled_back", "prompt_rolled_back"})
            String change,

            @Nullable Integer sourceVersion,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable ConfigView config) {
        static VersionView of(AgentVersion v, boolean withConfig) {
            return new VersionView(
                    v.agentId(),
                    v.version(),
                    v.change(),
                    v.sourceVersion(),
                    v.createdBy(),
                    v.createdAt(),
                    withConfig ? ConfigView.of(v.config()) : null);
        }
    }

    /** An agent's input and output schemas (absent when not set). */
    public record SchemasView(
            String agentId,
            int version,
            @JsonRawValue @JsonObject @Nullable String inputSchema,
            @JsonRawValue @JsonObject @Nullable String outputSchema) {
        static SchemasView of(Agent agent) {
            return new SchemasView(
                    agent.id(),
                    agent.version(),
                    agent.config().inputSchema(),
                    agent.config().outputSchema());
        }
    }

    /** Requests and tokens used over the last minute, which began at {@code windowStart}. */
    public record UsageView(OffsetDateTime windowStart, long requests, long tokens) {}

    /** An agent's limits (0 = unlimited) and its usage over the last minute. */
    public record RateLimitStatusView(String agentId, int requestsPerMinute, int tokensPerMinute, UsageView usage) {
        static RateLimitStatusView of(RateLimitStatus status) {
            return new RateLimitStatusView(
                    status.agentId(),
                    status.limits().requestsPerMinute(),
                    status.limits().tokensPerMinute(),
                    new UsageView(
                            status.usage().windowStart(),
                            status.usage().requests(),
                            status.usage().tokens()));
        }
    }

    private static @Nullable BigDecimal budget(long micros) {
        return micros == 0 ? null : AgentRules.usd(micros);
    }
}
