package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.monitoring.api.rest.SafetyViews.SafetyConfigView;
import dev.stoa.monitoring.domain.SafetyConfigs;
import dev.stoa.monitoring.domain.model.SafetyRuleInput;
import dev.stoa.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's safety policy and its agents' overrides (members read; admins and owners write, API keys need
 * safety:write). Default when nothing is set: every detector on with action flag, on every surface.
 */
@RestController
@Validated
@RequestMapping("/api/v1/monitoring/safety/config")
@Tag(name = "Safety")
public class SafetyConfigController {
    private final SafetyConfigs configs;

    public SafetyConfigController(SafetyConfigs configs) {
        this.configs = configs;
    }

    /**
     * A new policy. It replaces the old one whole: a detector left out is on with action flag; no surfaces means
     * every surface.
     *
     * @param detectors detector id ({@code email}, {@code phone}, {@code payment_card}, {@code iban},
     *     {@code national_id}, {@code secret}, {@code prompt_injection}) to its rule
     * @param surfaces {@code user_input}, {@code model_output}, {@code tool_arguments}, {@code tool_results}
     */
    public record SafetyConfigBody(
            @Nullable Map<String, @Nullable SafetyRuleInput> detectors,
            @Nullable List<@Nullable String> surfaces) {}

    @GetMapping
    @Operation(
            operationId = "getSafetyConfig",
            summary = "The effective safety policy: of the org, or with agent_id of that agent (its override, else"
                    + " the org's); source says which.")
    @ProblemResponse(status = 400, description = "agent_id is not an agent id.")
    public SafetyConfigView get(
            Principal principal, @RequestParam(name = "agent_id", required = false) @Nullable String agentId) {
        return SafetyConfigView.of(configs.get(principal, agentId));
    }

    @PutMapping
    @Operation(
            operationId = "updateSafetyConfig",
            summary = "Replace the org's safety policy, or with agent_id that agent's override.")
    @ProblemResponse(status = 400, description = "An unknown detector, action or surface; the field is named.")
    public SafetyConfigView put(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable String agentId,
            @RequestBody SafetyConfigBody body) {
        return SafetyConfigView.of(configs.put(principal, agentId, body.detectors(), body.surfaces()));
    }
}
