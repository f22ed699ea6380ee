package dev.stoa.agent.api.rest;

import static dev.stoa.agent.api.rest.PromptRequests.MAX_CONTENT;

import dev.stoa.agent.domain.AgentRules;
import dev.stoa.web.validation.JsonObject;
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
 * Request bodies of the Agents endpoints; unknown fields are refused. Where a body has a {@code version} field it is
 * the version the caller last saw (like {@code If-Match}): a stale one is 409.
 */
public final class AgentRequests {
    private AgentRequests() {}

    /** Either {@code {"tier": "<name or id>"}} or {@code {"provider_id": "prv_…", "model": "…"}}. */
    public record ModelBody(
            @Nullable @Size(min = 1, max = 100) String tier,
            @Nullable @Size(min = 1, max = 40) String providerId,
            @Nullable @Size(min = 1, max = 200) String model) {}

    /** Per-minute limits; 0 (or absent at creation) means unlimited. */
    public record RateLimitsBody(
            @Nullable @Min(0) @Max(AgentRules.MAX_RATE) Integer requestsPerMinute,
            @Nullable @Min(0) @Max(AgentRules.MAX_RATE) Integer tokensPerMinute) {}

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
}
