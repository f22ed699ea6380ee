package dev.stoa.memory.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.port.Agents;
import dev.stoa.memory.domain.port.MemoryConfigRepository;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Reads and changes an agent's memory config; the agent must be one of the caller's org (agent-service says). */
@Service
public final class MemoryConfigs {
    private final MemoryConfigRepository configs;
    private final Agents agents;
    private final boolean enabledByDefault;

    /**
     * @param enabledByDefault whether an agent without a saved config has memory on ({@code
     *     stoa.memory.enabled-by-default}, true); test platforms whose fake model is scripted turn it off
     */
    public MemoryConfigs(
            MemoryConfigRepository configs,
            Agents agents,
            @Value("${stoa.memory.enabled-by-default:true}") boolean enabledByDefault) {
        this.configs = configs;
        this.agents = agents;
        this.enabledByDefault = enabledByDefault;
    }

    public MemoryConfig get(Principal principal, String agentId) {
        String orgId = Access.read(principal);
        agents.requireAgent(orgId, Inputs.agent(agentId));
        return effective(orgId, agentId);
    }

    /** Applies a JSON merge patch; an extraction model that changes is resolved by agent-service first. */
    public MemoryConfig patch(Principal principal, String agentId, Map<String, @Nullable Object> patch) {
        String orgId = Access.write(principal);
        agents.requireAgent(orgId, Inputs.agent(agentId));
        MemoryConfig current = effective(orgId, agentId);
        MemoryConfig updated = ConfigPatch.apply(current, patch);
        if (updated.extractionModel() != null
                && !Objects.equals(updated.extractionModel(), current.extractionModel())) {
            agents.requireModel(orgId, agentId, updated.extractionModel());
        }
        return configs.save(orgId, updated);
    }

    /** The saved config, else the defaults. */
    MemoryConfig effective(String orgId, String agentId) {
        return configs.find(orgId, agentId).orElseGet(() -> MemoryConfig.defaults(agentId, enabledByDefault));
    }
}
