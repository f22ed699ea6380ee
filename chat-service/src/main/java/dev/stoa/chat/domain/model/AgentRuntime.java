package dev.stoa.chat.domain.model;

import java.util.List;

/**
 * What a turn needs of an agent version: whether it takes turns, its assembled system prompt (variables still as
 * {@code {{name}}}), its model chain (fallback order), its limits and its schemas.
 *
 * @param monthlyBudgetMicros 0 when the agent has no budget
 * @param requestsPerMinute 0 when unlimited
 * @param tokensPerMinute 0 when unlimited
 */
public record AgentRuntime(
        String orgId,
        String agentId,
        int version,
        boolean paused,
        String systemPrompt,
        List<ModelTarget> modelChain,
        int requestsPerMinute,
        int tokensPerMinute,
        long monthlyBudgetMicros,
        String inputSchemaJson,
        String outputSchemaJson) {

    public AgentRuntime {
        modelChain = List.copyOf(modelChain);
    }
}
