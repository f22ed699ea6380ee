package dev.stoa.agent.domain;

import dev.stoa.providers.ProviderKind;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The agent domain's value types. JSON documents (schemas, metadata) are kept as compact JSON text. */
public final class Models {
    private Models() {}

    /** Whether an agent takes new conversations. Not versioned: pausing changes no configuration. */
    public enum Status {
        ACTIVE("active"),
        PAUSED("paused");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Status fromWire(String value) {
            for (Status status : values()) {
                if (status.wire.equals(value)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown agent status");
        }
    }

    /** Which model serves an agent: an org tier (resolved when the runtime config is built) or one provider + model. */
    public sealed interface ModelRef {
        /** Follows the tier's current chain; stored by id so renaming a tier keeps agents on it. */
        record Tier(String tierId) implements ModelRef {}

        /** One provider and a model name as that provider spells it. */
        record Direct(String providerId, String model) implements ModelRef {}
    }

    /** One piece of the system prompt; disabled blocks stay in the config but are left out of the prompt. */
    public record PromptBlock(String id, String name, String content, boolean enabled) {}

    /** Per-minute limits; 0 means unlimited. */
    public record RateLimits(int requestsPerMinute, int tokensPerMinute) {
        public static final RateLimits NONE = new RateLimits(0, 0);
    }

    /**
     * Everything a version snapshots: the whole user-editable configuration of an agent.
     *
     * @param monthlyBudgetMicros monthly spending cap in micro-USD; 0 means no cap
     * @param metadata a JSON object as text
     */
    public record AgentConfig(
            String name,
            @Nullable String description,
            @Nullable ModelRef model,
            List<PromptBlock> promptBlocks,
            @Nullable String inputSchema,
            @Nullable String outputSchema,
            RateLimits rateLimits,
            long monthlyBudgetMicros,
            String metadata) {

        public AgentConfig {
            promptBlocks = List.copyOf(promptBlocks);
        }

        public AgentConfig withPromptBlocks(List<PromptBlock> blocks) {
            return new AgentConfig(
                    name,
                    description,
                    model,
                    blocks,
                    inputSchema,
                    outputSchema,
                    rateLimits,
                    monthlyBudgetMicros,
                    metadata);
        }

        public AgentConfig withSchemas(@Nullable String input, @Nullable String output) {
            return new AgentConfig(
                    name, description, model, promptBlocks, input, output, rateLimits, monthlyBudgetMicros, metadata);
        }
    }

    /** A version that serves a share of new conversations instead of the current one. */
    public record Canary(int version, int percent) {}

    /** An agent as it is now: lifecycle state plus the configuration of its current version. */
    public record Agent(
            String id,
            String orgId,
            Status status,
            int version,
            @Nullable Canary canary,
            AgentConfig config,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    /**
     * An immutable snapshot.
     *
     * @param change what produced it: created, updated, prompt_updated, schemas_updated, rolled_back,
     *     prompt_rolled_back
     * @param sourceVersion the version a rollback copied, if any
     * @param promptChanged whether its prompt blocks differ from the previous version's
     */
    public record AgentVersion(
            String agentId,
            int version,
            AgentConfig config,
            String change,
            @Nullable Integer sourceVersion,
            boolean promptChanged,
            String createdBy,
            OffsetDateTime createdAt) {}

    /** The provider kinds Stoa speaks to, by their wire names (the provider layer's kinds). */
    public static final List<String> PROVIDER_KINDS =
            Arrays.stream(ProviderKind.values()).map(ProviderKind::wire).toList();

    /** A registered BYOK provider; the key itself never leaves the store except for runtime configs and probes. */
    public record Provider(
            String id,
            String orgId,
            String name,
            String kind,
            @Nullable String baseUrl,
            boolean hasApiKey,
            @Nullable String apiKeyLast4,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    /** A provider with its decrypted key, for probes and runtime configs only. Never log or serialize it. */
    public record ProviderCredential(Provider provider, String baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "ProviderCredential[provider=" + provider.id() + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** One step of a tier's chain. */
    public record TierTarget(String providerId, String model) {}

    /** An org's named model alias with an ordered fallback chain. */
    public record Tier(
            String id,
            String orgId,
            String name,
            @Nullable String description,
            List<TierTarget> targets,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        public Tier {
            targets = List.copyOf(targets);
        }
    }

    /**
     * A catalog entry: what Stoa knows about a model. Prices are micro-USD per million tokens.
     *
     * @param builtIn whether it ships with Stoa (false: org-defined)
     */
    public record CatalogModel(
            String id,
            String providerKind,
            String model,
            @Nullable String displayName,
            int contextWindow,
            long inputPriceMicros,
            long outputPriceMicros,
            boolean supportsTools,
            boolean supportsStreaming,
            boolean builtIn) {}

    /** Usage of one agent in one minute window. */
    public record Usage(OffsetDateTime windowStart, long requests, long tokens) {}

    /** What a provider probe found. */
    public record ProbeOutcome(boolean ok, long latencyMillis, List<String> models) {
        public ProbeOutcome {
            models = List.copyOf(models);
        }
    }

    /** An agent version resolved for running: the model chain with credentials, the status, the config. */
    public record RuntimeConfig(
            Agent agent, AgentVersion version, List<ResolvedTarget> modelChain, String systemPrompt) {
        public RuntimeConfig {
            modelChain = List.copyOf(modelChain);
        }
    }

    /** One step of a resolved chain: a provider with its key, the model, and its catalog entry if any. */
    public record ResolvedTarget(
            ProviderCredential provider,
            String model,
            @Nullable CatalogModel info) {}
}
