package dev.stoa.memory.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.memory.api.rest.MemoryViews.MemoryConfigView;
import dev.stoa.memory.domain.MemoryConfigs;
import dev.stoa.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An agent's memory config (members and viewers read; members and above change it). */
@RestController
@Tag(name = "Memory")
public class MemoryConfigController {
    private final MemoryConfigs configs;

    public MemoryConfigController(MemoryConfigs configs) {
        this.configs = configs;
    }

    @GetMapping("/api/v1/agents/{agent_id}/memory-config")
    @Operation(
            operationId = "getMemoryConfig",
            summary = "Get memory config. Without a saved config: memory on, scope user, 1,000 facts per scope, top 5.")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    public MemoryConfigView get(Principal principal, @PathVariable("agent_id") String agentId) {
        return MemoryConfigView.of(configs.get(principal, agentId));
    }

    /**
     * A JSON merge patch: a field present sets it, null resets it to its default, absent leaves it. Fields:
     * {@code enabled}, {@code scope} (user, agent, cluster), {@code cluster}, {@code extraction_model}
     * ({@code {"tier_id"}} or {@code {"provider_id", "model"}}; null: the agent's chain), {@code retention_days}
     * (1..36500, null: keep), {@code max_facts_per_scope} (1..100000), {@code ignored_categories},
     * {@code recall_top_k} (1..20).
     */
    @PatchMapping("/api/v1/agents/{agent_id}/memory-config")
    @Operation(operationId = "updateMemoryConfig", summary = "Update memory config (JSON merge patch).")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    @ProblemResponse(status = 422, description = "A field breaks a rule, or the extraction model does not resolve.")
    public MemoryConfigView patch(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestBody Map<String, @Nullable Object> body) {
        return MemoryConfigView.of(configs.patch(principal, agentId, body));
    }
}
