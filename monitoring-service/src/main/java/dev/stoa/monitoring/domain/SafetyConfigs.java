package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.id.Ids;
import dev.stoa.monitoring.domain.model.SafetyConfig;
import dev.stoa.monitoring.domain.model.SafetyRuleInput;
import dev.stoa.monitoring.domain.port.SafetyConfigRepository;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.Surface;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The safety configuration of an org and its agents. The effective policy of an agent is its override if it has one,
 * else the org's, else the default (every detector on with action {@code flag}, every surface). A write replaces the
 * whole policy: a detector it leaves out gets the default rule, no {@code surfaces} means every surface.
 */
@Service
public final class SafetyConfigs {
    private final SafetyConfigRepository configs;
    private final Clock clock;

    public SafetyConfigs(SafetyConfigRepository configs, Clock clock) {
        this.configs = configs;
        this.clock = clock;
    }

    /** The effective config the caller's org applies to {@code agentId} (null: to agents without an override). */
    public SafetyConfig get(Principal principal, @Nullable String agentId) {
        return effective(SafetyAccess.read(principal), agent(agentId));
    }

    /** Replaces the org's policy, or the override of {@code agentId}. */
    public SafetyConfig put(
            Principal principal,
            @Nullable String agentId,
            @Nullable Map<String, @Nullable SafetyRuleInput> detectors,
            @Nullable List<@Nullable String> surfaces) {
        String org = SafetyAccess.write(principal);
        String agent = agent(agentId);
        SafetyPolicy policy = new SafetyPolicy(rules(detectors), surfaces(surfaces));
        return configs.put(org, agent, policy, principal.subject(), OffsetDateTime.now(clock));
    }

    /** The effective policy of an org's agent for the platform services that scan inline. */
    public SafetyConfig forService(Principal caller, String orgId, String agentId) {
        SafetyAccess.service(caller);
        if (orgId.isBlank()) {
            throw new InvalidInputException("org_id", "is required");
        }
        return effective(orgId, agentId.isEmpty() ? "" : agent(agentId));
    }

    private SafetyConfig effective(String org, String agent) {
        if (!agent.isEmpty()) {
            var override = configs.find(org, agent);
            if (override.isPresent()) {
                return override.get();
            }
        }
        return configs.find(org, "")
                .map(c -> new SafetyConfig(agent, c.policy(), c.source(), c.updatedBy(), c.updatedAt()))
                .orElseGet(() -> SafetyConfig.defaults(agent));
    }

    private static String agent(@Nullable String agentId) {
        if (agentId == null) {
            return "";
        }
        if (!Ids.isValid("agt", agentId)) {
            throw new InvalidInputException("agent_id", "must be an agent id (agt_…)");
        }
        return agentId;
    }

    private static Map<DetectorId, DetectorRule> rules(@Nullable Map<String, @Nullable SafetyRuleInput> input) {
        Map<DetectorId, DetectorRule> rules = new EnumMap<>(DetectorId.class);
        for (DetectorId id : DetectorId.values()) {
            rules.put(id, DetectorRule.DEFAULT);
        }
        if (input == null) {
            return rules;
        }
        for (Map.Entry<String, @Nullable SafetyRuleInput> e : input.entrySet()) {
            String field = "detectors." + e.getKey();
            DetectorId id = DetectorId.fromId(e.getKey())
                    .orElseThrow(() -> new InvalidInputException(field, "is not a detector; known: " + known()));
            SafetyRuleInput rule = e.getValue();
            if (rule == null) {
                throw new InvalidInputException(field, "must be an object {enabled, action}");
            }
            String actionName = rule.action();
            SafetyAction action = actionName == null
                    ? SafetyAction.FLAG
                    : SafetyAction.fromId(actionName)
                            .orElseThrow(() ->
                                    new InvalidInputException(field + ".action", "must be one of flag, redact, block"));
            rules.put(id, new DetectorRule(!Boolean.FALSE.equals(rule.enabled()), action));
        }
        return rules;
    }

    private static Set<Surface> surfaces(@Nullable List<@Nullable String> input) {
        if (input == null) {
            return EnumSet.allOf(Surface.class);
        }
        Set<Surface> surfaces = EnumSet.noneOf(Surface.class);
        for (int i = 0; i < input.size(); i++) {
            String name = input.get(i);
            int index = i;
            surfaces.add(Surface.fromId(name == null ? "" : name)
                    .orElseThrow(() -> new InvalidInputException(
                            "surfaces[" + index + "]",
                            "must be one of user_input, model_output, tool_arguments, tool_results")));
        }
        return surfaces;
    }

    private static String known() {
        StringBuilder sb = new StringBuilder();
        for (DetectorId id : DetectorId.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(id.id());
        }
        return sb.toString();
    }
}
