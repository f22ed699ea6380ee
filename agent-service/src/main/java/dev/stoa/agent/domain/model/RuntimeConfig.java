package dev.stoa.agent.domain.model;

import java.util.List;

/** An agent version resolved for running: the model chain with credentials, the status, the config. */
public record RuntimeConfig(Agent agent, AgentVersion version, List<ResolvedTarget> modelChain, String systemPrompt) {
    public RuntimeConfig {
        modelChain = List.copyOf(modelChain);
    }
}
