package dev.stoa.monitoring.domain.model;

import dev.stoa.safety.SafetyPolicy;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A safety policy as configured: the org's ({@code agentId} empty) or an agent's override, or the documented default
 * when nothing is configured ({@code source} {@code default}, no author or time).
 *
 * @param source {@code default}, {@code org} or {@code agent}: which configuration the policy is
 */
public record SafetyConfig(
        String agentId,
        SafetyPolicy policy,
        String source,
        @Nullable String updatedBy,
        @Nullable OffsetDateTime updatedAt) {

    public static final String DEFAULT = "default";
    public static final String ORG = "org";
    public static final String AGENT = "agent";

    public static SafetyConfig defaults(String agentId) {
        return new SafetyConfig(agentId, SafetyPolicy.defaults(), DEFAULT, null, null);
    }
}
