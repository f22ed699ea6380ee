package dev.stoa.memory.domain.port;

import dev.stoa.memory.domain.model.ExtractionModel;
import dev.stoa.memory.domain.model.ModelReply;
import org.jspecify.annotations.Nullable;

/** agent-service's view of an agent, and the model calls made with its model chain (or an override). */
public interface Agents {
    /** Throws {@code NotFoundException} when the org has no such agent. */
    void requireAgent(String orgId, String agentId);

    /** Throws {@code NotFoundException} for the agent, or a 422 naming {@code extraction_model} for the model. */
    void requireModel(String orgId, String agentId, ExtractionModel model);

    /**
     * One non-streamed completion with the agent's chain ({@code model} null) or the model given, falling back along
     * the chain when a target fails. Throws {@code NotFoundException} when the agent is gone.
     */
    ModelReply complete(String orgId, String agentId, @Nullable ExtractionModel model, String system, String user);
}
