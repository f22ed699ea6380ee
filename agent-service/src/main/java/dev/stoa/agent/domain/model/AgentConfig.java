package dev.stoa.agent.domain.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

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
                name, description, model, blocks, inputSchema, outputSchema, rateLimits, monthlyBudgetMicros, metadata);
    }

    public AgentConfig withSchemas(@Nullable String input, @Nullable String output) {
        return new AgentConfig(
                name, description, model, promptBlocks, input, output, rateLimits, monthlyBudgetMicros, metadata);
    }
}
