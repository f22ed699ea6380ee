package dev.stoa.gateway.ratelimit;

import dev.stoa.gateway.config.GatewayProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The budget of each kind of caller as a Bucket4j configuration: {@code limit} tokens, all refilled at once every
 * {@code window}, so the headers describe a plain "N per window" budget.
 */
public final class BucketPolicy {
    private final Map<RateLimitKey.Kind, GatewayProperties.RateLimit.Limit> limits =
            new EnumMap<>(RateLimitKey.Kind.class);
    private final Map<RateLimitKey.Kind, Bandwidth> bandwidths = new EnumMap<>(RateLimitKey.Kind.class);

    public BucketPolicy(GatewayProperties.RateLimit properties) {
        limits.put(RateLimitKey.Kind.API_KEY, properties.apiKey());
        limits.put(RateLimitKey.Kind.USER, properties.user());
        limits.put(RateLimitKey.Kind.IP, properties.ip());
        limits.forEach((kind, limit) -> bandwidths.put(
                kind,
                Bandwidth.builder()
                        .capacity(limit.limit())
                        .refillIntervally(limit.limit(), limit.window())
                        .build()));
    }

    public Bandwidth bandwidth(RateLimitKey.Kind kind) {
        return Objects.requireNonNull(bandwidths.get(kind)); // every kind is put in the constructor
    }

    public BucketConfiguration configuration(RateLimitKey.Kind kind) {
        return BucketConfiguration.builder().addLimit(bandwidth(kind)).build();
    }

    /** The longest window: an idle bucket older than this is full again and may be forgotten. */
    public Duration longestWindow() {
        return limits.values().stream()
                .map(GatewayProperties.RateLimit.Limit::window)
                .max(Duration::compareTo)
                .orElse(Duration.ofMinutes(1));
    }

    public RateLimitDecision decide(RateLimitKey.Kind kind, ConsumptionProbe probe) {
        long nowMillis = System.currentTimeMillis();
        long resetMillis = nowMillis + Math.ceilDiv(probe.getNanosToWaitForReset(), 1_000_000L);
        long retryAfter =
                probe.isConsumed() ? 0 : Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
        return new RateLimitDecision(
                probe.isConsumed(),
                Objects.requireNonNull(limits.get(kind)).limit(),
                probe.getRemainingTokens(),
                Math.ceilDiv(resetMillis, 1000L),
                retryAfter);
    }
}
