package dev.stoa.monitoring.api.rest;

import dev.stoa.monitoring.domain.model.SafetyAlert;
import dev.stoa.monitoring.domain.model.SafetyConfig;
import dev.stoa.monitoring.domain.model.SafetyStats;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.Surface;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Response bodies of the safety endpoints. */
public final class SafetyViews {
    private SafetyViews() {}

    /** A detector's rule: whether it runs and {@code flag}, {@code redact} or {@code block}. */
    public record RuleView(boolean enabled, String action) {}

    /**
     * A safety policy.
     *
     * @param agentId the agent asked for; null for the org's policy
     * @param source {@code default} (nothing configured), {@code org} or {@code agent} (the agent's override)
     * @param detectors every detector's rule
     * @param updatedBy who wrote it (null for the default)
     */
    public record SafetyConfigView(
            @Nullable String agentId,
            String source,
            Map<String, RuleView> detectors,
            List<String> surfaces,
            @Nullable String updatedBy,
            @Nullable OffsetDateTime updatedAt) {
        static SafetyConfigView of(SafetyConfig c) {
            Map<String, RuleView> detectors = new LinkedHashMap<>();
            for (DetectorId id : DetectorId.values()) {
                DetectorRule rule = c.policy().rule(id);
                detectors.put(
                        id.id(), new RuleView(rule.enabled(), rule.action().id()));
            }
            return new SafetyConfigView(
                    c.agentId().isEmpty() ? null : c.agentId(),
                    c.source(),
                    detectors,
                    c.policy().surfaces().stream().map(Surface::id).toList(),
                    c.updatedBy(),
                    c.updatedAt());
        }
    }

    /**
     * One safety finding.
     *
     * @param surface {@code user_input}, {@code model_output}, {@code tool_arguments} or {@code tool_results}
     * @param action what the policy did: {@code flag}, {@code redact} or {@code block}
     * @param preview masked by the source (e.g. {@code ********1111}); never the matched text
     */
    public record SafetyAlertView(
            String id,
            String agentId,
            String conversationId,
            String turnId,
            String surface,
            String detector,
            String action,
            String preview,
            OffsetDateTime occurredAt) {
        static SafetyAlertView of(SafetyAlert a) {
            return new SafetyAlertView(
                    a.id(),
                    a.agentId(),
                    a.conversationId(),
                    a.turnId(),
                    a.surface(),
                    a.detector(),
                    a.action(),
                    a.preview(),
                    a.occurredAt());
        }
    }

    /** Safety alerts of {@code [from, to)}: in all and per detector, action and surface (most first). */
    public record SafetyStatsView(
            OffsetDateTime from,
            OffsetDateTime to,
            long total,
            Map<String, Long> byDetector,
            Map<String, Long> byAction,
            Map<String, Long> bySurface) {
        static SafetyStatsView of(SafetyStats s) {
            return new SafetyStatsView(
                    s.range().from(), s.range().to(), s.total(), s.byDetector(), s.byAction(), s.bySurface());
        }
    }
}
