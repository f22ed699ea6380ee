package dev.stoa.monitoring.api.rest;

import dev.stoa.monitoring.domain.model.SafetyConfig;
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
}
