package dev.stoa.agent.api.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.stoa.agent.domain.AgentRules;
import dev.stoa.agent.domain.AgentService.RateLimitStatus;
import dev.stoa.agent.domain.Models.Agent;
import dev.stoa.agent.domain.Models.AgentConfig;
import dev.stoa.agent.domain.Models.AgentVersion;
import dev.stoa.agent.domain.Models.CatalogModel;
import dev.stoa.agent.domain.Models.ModelRef;
import dev.stoa.agent.domain.Models.ProbeOutcome;
import dev.stoa.agent.domain.Models.PromptBlock;
import dev.stoa.agent.domain.Models.Provider;
import dev.stoa.agent.domain.Models.Status;
import dev.stoa.agent.domain.Models.Tier;
import dev.stoa.agent.domain.PromptService.Preview;
import dev.stoa.agent.domain.PromptService.Prompt;
import dev.stoa.agent.domain.ProviderService;
import dev.stoa.providers.ProviderKind;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Agents, Providers and Tiers endpoints (snake_case on the wire). */
public final class Views {
    private Views() {}

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

    /** A prompt block at its position (0-based). */
    public record BlockView(String id, String name, String content, boolean enabled, int position) {
        static List<BlockView> of(List<PromptBlock> blocks) {
            List<BlockView> out = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                PromptBlock b = blocks.get(i);
                out.add(new BlockView(b.id(), b.name(), b.content(), b.enabled(), i));
            }
            return out;
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

    /** The prompt of a version: its blocks, the assembled system prompt and the variables it uses. */
    public record PromptView(
            String agentId, int version, List<BlockView> blocks, String systemPrompt, List<String> variables) {
        static PromptView of(Prompt prompt) {
            return new PromptView(
                    prompt.agentId(),
                    prompt.version(),
                    BlockView.of(prompt.blocks()),
                    prompt.systemPrompt(),
                    prompt.variables());
        }
    }

    /** A created or changed block, with the agent version that now holds it. */
    public record BlockChangeView(
            String id, String name, String content, boolean enabled, int position, int agentVersion) {}

    /** The prompt with variables filled in; {@code missing_variables} are those the context did not define. */
    public record PreviewView(String agentId, int version, String prompt, List<String> missingVariables) {
        static PreviewView of(Preview preview) {
            return new PreviewView(preview.agentId(), preview.version(), preview.prompt(), preview.missingVariables());
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

    /** Requests and tokens used in the current minute window. */
    public record UsageView(OffsetDateTime windowStart, long requests, long tokens) {}

    /** An agent's limits (0 = unlimited) and its usage in the current minute. */
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

    /** A provider; the key shows only as {@code api_key_preview} (its last four characters). */
    public record ProviderView(
            String id,
            String name,
            @OneOf(of = ProviderKind.class) String kind,
            String baseUrl,
            @Nullable String apiKeyPreview,
            boolean hasApiKey,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ProviderView of(Provider p) {
            return new ProviderView(
                    p.id(),
                    p.name(),
                    p.kind(),
                    ProviderService.baseUrl(p),
                    p.apiKeyLast4() == null ? null : "…" + p.apiKeyLast4(),
                    p.hasApiKey(),
                    p.createdBy(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    /** What a provider probe found. */
    public record ProbeView(boolean ok, long latencyMs, List<String> models) {
        static ProbeView of(ProbeOutcome outcome) {
            return new ProbeView(outcome.ok(), outcome.latencyMillis(), outcome.models());
        }
    }

    /** One step of a tier's chain. */
    public record TargetView(String providerId, String model) {}

    /** A tier and its ordered chain (the first target serves, the next ones are fallbacks). */
    public record TierView(
            String id,
            String name,
            @Nullable String description,
            List<TargetView> targets,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static TierView of(Tier t) {
            return new TierView(
                    t.id(),
                    t.name(),
                    t.description(),
                    t.targets().stream()
                            .map(x -> new TargetView(x.providerId(), x.model()))
                            .toList(),
                    t.createdAt(),
                    t.updatedAt());
        }
    }

    /** A catalog entry; {@code source} is {@code builtin} or {@code custom}; prices are USD per million tokens. */
    public record CatalogModelView(
            String id,
            @OneOf(of = ProviderKind.class) String providerKind,
            String model,
            @Nullable String displayName,
            int contextWindow,
            BigDecimal inputPricePerMtokUsd,
            BigDecimal outputPricePerMtokUsd,
            boolean supportsTools,
            boolean supportsStreaming,
            @OneOf({"builtin", "custom"}) String source) {
        static CatalogModelView of(CatalogModel m) {
            return new CatalogModelView(
                    m.id(),
                    m.providerKind(),
                    m.model(),
                    m.displayName(),
                    m.contextWindow(),
                    AgentRules.usd(m.inputPriceMicros()),
                    AgentRules.usd(m.outputPriceMicros()),
                    m.supportsTools(),
                    m.supportsStreaming(),
                    m.builtIn() ? "builtin" : "custom");
        }
    }

    private static @Nullable BigDecimal budget(long micros) {
        return micros == 0 ? null : AgentRules.usd(micros);
    }
}
