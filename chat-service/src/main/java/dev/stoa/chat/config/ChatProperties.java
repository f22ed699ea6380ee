package dev.stoa.chat.config;

import dev.stoa.chat.domain.ChatSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.chat.*}: the turn engine's limits and where chat's neighbours are.
 *
 * @param maxSteps model calls per turn (each tool round is one); past it the turn ends with the model's last answer
 *     and {@code step_limit_reached}
 * @param toolTimeout how long one tool call may take before the model is told it timed out
 * @param maxMessageChars the longest user message accepted
 * @param runtimeCacheTtl how long a cached agent runtime config lives (events drop it sooner)
 * @param safetyPolicyTtl how long an agent's safety policy is kept before monitoring is asked again (a changed policy
 *     applies within it)
 * @param memoryRecallDeadline how long a turn waits for memory-service's recall before it runs without memory
 */
@ConfigurationProperties("stoa.chat")
public record ChatProperties(
        @DefaultValue("8") int maxSteps,
        @DefaultValue("60s") Duration toolTimeout,
        @DefaultValue("32000") int maxMessageChars,
        @DefaultValue("5m") Duration runtimeCacheTtl,
        @DefaultValue("10s") Duration safetyPolicyTtl,
        @DefaultValue("300ms") Duration memoryRecallDeadline,
        @DefaultValue Providers providers)
        implements ChatSettings {

    /** {@code stoa.chat.providers.*}: whether models on this machine's loopback or on private networks may be called. */
    public record Providers(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks) {
        public dev.stoa.common.net.OutboundPolicy outbound() {
            return new dev.stoa.common.net.OutboundPolicy(allowLoopback, allowPrivateNetworks);
        }
    }
}
