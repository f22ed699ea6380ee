package dev.stoa.agent.store;

import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.model.PromptBlock;
import dev.stoa.agent.domain.model.RateLimits;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a version snapshot: one JSON document per version. The format is written field by field so
 * that it cannot drift with a change to a Java record; reading tolerates fields added later.
 */
final class AgentConfigCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AgentConfigCodec() {}

    static String encode(AgentConfig config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", config.name());
        root.put("description", config.description());
        switch (config.model()) {
            case ModelRef.Tier tier -> root.putObject("model").put("tier_id", tier.tierId());
            case ModelRef.Direct direct ->
                root.putObject("model").put("provider_id", direct.providerId()).put("model", direct.model());
            case null -> root.putNull("model");
        }
        ArrayNode blocks = root.putArray("prompt_blocks");
        for (PromptBlock block : config.promptBlocks()) {
            blocks.addObject()
                    .put("id", block.id())
                    .put("name", block.name())
                    .put("content", block.content())
                    .put("enabled", block.enabled());
        }
        root.set("input_schema", json(config.inputSchema()));
        root.set("output_schema", json(config.outputSchema()));
        root.putObject("rate_limits")
                .put("requests_per_minute", config.rateLimits().requestsPerMinute())
                .put("tokens_per_minute", config.rateLimits().tokensPerMinute());
        root.put("monthly_budget_micros", config.monthlyBudgetMicros());
        root.set("metadata", JSON.readTree(config.metadata()));
        return root.toString();
    }

    static AgentConfig decode(String stored) {
        JsonNode root = JSON.readTree(stored);
        JsonNode model = root.path("model");
        ModelRef ref = null;
        if (model.hasNonNull("tier_id")) {
            ref = new ModelRef.Tier(model.get("tier_id").asString());
        } else if (model.hasNonNull("provider_id")) {
            ref = new ModelRef.Direct(
                    model.get("provider_id").asString(), model.path("model").asString());
        }
        List<PromptBlock> blocks = new ArrayList<>();
        for (JsonNode block : root.path("prompt_blocks")) {
            blocks.add(new PromptBlock(
                    block.path("id").asString(),
                    block.path("name").asString(),
                    block.path("content").asString(),
                    block.path("enabled").asBoolean(true)));
        }
        JsonNode limits = root.path("rate_limits");
        return new AgentConfig(
                root.path("name").asString(),
                text(root.path("description")),
                ref,
                blocks,
                document(root.path("input_schema")),
                document(root.path("output_schema")),
                new RateLimits(
                        limits.path("requests_per_minute").asInt(0),
                        limits.path("tokens_per_minute").asInt(0)),
                root.path("monthly_budget_micros").asLong(0),
                root.path("metadata").isObject() ? root.get("metadata").toString() : "{}");
    }

    private static JsonNode json(@Nullable String document) {
        return document == null ? JSON.nullNode() : JSON.readTree(document);
    }

    private static @Nullable String document(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.toString();
    }

    private static @Nullable String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
