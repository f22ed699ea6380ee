package dev.stoa.agent.api.rest;

import dev.stoa.agent.domain.AgentRules;
import dev.stoa.agent.domain.CatalogService;
import dev.stoa.providers.ProviderKind;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies of the Agents, Providers and Tiers endpoints; unknown fields are refused. Where a body has a
 * {@code version} field it is the version the caller last saw (like {@code If-Match}): a stale one is 409.
 */
public final class Requests {
    static final int MAX_CONTENT = AgentRules.MAX_BLOCK_BYTES;

    private Requests() {}

    /** Either {@code {"tier": "<name or id>"}} or {@code {"provider_id": "prv_…", "model": "…"}}. */
    public record ModelBody(
            @Nullable @Size(min = 1, max = 100) String tier,
            @Nullable @Size(min = 1, max = 40) String providerId,
            @Nullable @Size(min = 1, max = 200) String model) {}

    /** Per-minute limits; 0 (or absent at creation) means unlimited. */
    public record RateLimitsBody(
            @Nullable @Min(0) @Max(AgentRules.MAX_RATE) Integer requestsPerMinute,
            @Nullable @Min(0) @Max(AgentRules.MAX_RATE) Integer tokensPerMinute) {}

    /** A prompt block; {@code position} (0-based) inserts it there instead of at the end. */
    public record NewBlock(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(max = MAX_CONTENT) String content,
            @Nullable Boolean enabled,
            @Nullable @Min(0) Integer position,
            @Nullable @Min(1) Integer version) {}

    /** A block of a new agent. */
    public record InitialBlock(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(max = MAX_CONTENT) String content,
            @Nullable Boolean enabled) {}

    /** A new agent. {@code monthly_budget_usd} 0 or absent means no cap. */
    public record CreateAgent(
            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 4000) String description,
            @Nullable @Valid ModelBody model,
            @Nullable @Size(max = AgentRules.MAX_BLOCKS) List<@NotNull @Valid InitialBlock> promptBlocks,
            @Nullable @JsonObject JsonNode inputSchema,
            @Nullable @JsonObject JsonNode outputSchema,
            @Nullable @Valid RateLimitsBody rateLimits,

            @Nullable @DecimalMin("0") @DecimalMax(AgentRules.MAX_BUDGET)
            BigDecimal monthlyBudgetUsd,

            @Nullable @JsonObject JsonNode metadata) {}

    /** Changes to an agent; absent fields stay. Prompt blocks and schemas have their own endpoints. */
    public record UpdateAgent(
            @Nullable @Size(min = 1, max = 200) String name,
            @Nullable @Size(max = 4000) String description,
            @Nullable @Valid ModelBody model,
            @Nullable @Valid RateLimitsBody rateLimits,

            @Nullable @DecimalMin("0") @DecimalMax(AgentRules.MAX_BUDGET)
            BigDecimal monthlyBudgetUsd,

            @Nullable @JsonObject JsonNode metadata,
            @Nullable @Min(1) Integer version) {}

    /** Changes to a block; absent fields stay. */
    public record UpdateBlock(
            @Nullable @Size(min = 1, max = 100) String name,
            @Nullable @Size(max = MAX_CONTENT) String content,
            @Nullable Boolean enabled,
            @Nullable @Min(1) Integer version) {}

    /** The new order: every block id exactly once. */
    public record Reorder(
            @NotNull @Size(max = AgentRules.MAX_BLOCKS) List<@NotNull String> blockIds,
            @Nullable @Min(1) Integer version) {}

    /**
     * New schemas: an absent field stays, {@code null} removes the schema. Both are JSON Schema (draft 2020-12)
     * objects. The controller reads the body as a tree (to tell absent from null); this record documents it.
     */
    public record UpdateSchemas(
            @Nullable @JsonObject JsonNode inputSchema,
            @Nullable @JsonObject JsonNode outputSchema,
            @Nullable @Min(1) Integer version) {}

    /** Serve {@code percent} of new conversations with {@code version}. */
    public record SetCanary(
            @NotNull @Min(1) Integer version,
            @NotNull @Min(0) @Max(100) Integer percent) {}

    /** Register a BYOK provider; {@code base_url} defaults per kind (required for openai_compatible). */
    public record RegisterProvider(
            @NotBlank @Size(max = 100) String name,

            @NotNull @OneOf(of = ProviderKind.class) String kind,

            @Nullable @Size(max = 2048) String baseUrl,
            @Nullable @Size(max = 1000) String apiKey) {

        @Override
        public String toString() {
            return "RegisterProvider[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** One step of a tier's chain. */
    public record TargetBody(
            @NotBlank @Size(max = 40) String providerId,
            @NotBlank @Size(max = 200) String model) {}

    /** A new tier. */
    public record CreateTier(
            @NotBlank @Size(max = 63) String name,
            @Nullable @Size(max = 2000) String description,
            @NotNull @Size(min = 1, max = 8) List<@NotNull @Valid TargetBody> targets) {}

    /** Changes to a tier; {@code targets}, when given, replaces the chain. */
    public record UpdateTier(
            @Nullable @Size(min = 1, max = 63) String name,
            @Nullable @Size(max = 2000) String description,
            @Nullable @Size(min = 1, max = 8) List<@NotNull @Valid TargetBody> targets) {}

    /** An org-defined catalog entry; prices in USD per million tokens. */
    public record NewCatalogModel(
            @NotNull @OneOf(of = ProviderKind.class) String providerKind,

            @NotBlank @Size(max = 200) String model,
            @Nullable @Size(max = 200) String displayName,

            @NotNull @Min(1) @Max(CatalogService.MAX_CONTEXT_WINDOW)
            Integer contextWindow,

            @NotNull @DecimalMin("0") @DecimalMax(CatalogService.MAX_PRICE)
            BigDecimal inputPricePerMtokUsd,

            @NotNull @DecimalMin("0") @DecimalMax(CatalogService.MAX_PRICE)
            BigDecimal outputPricePerMtokUsd,

            @Nullable Boolean supportsTools,
            @Nullable Boolean supportsStreaming) {}
}
