package dev.stoa.providers;

import dev.stoa.common.net.OutboundPolicy;
import java.time.Duration;

/**
 * How to call providers. {@code requestTimeout} bounds a whole call, stream included; {@code streamIdleTimeout}
 * bounds the silence between two received bytes (and the wait for a streamed reply's headers). {@code maxRetries}
 * extra attempts are made on 429, 5xx and connect errors, only before the first streamed event, waiting
 * {@code initialBackoff} doubled per attempt with jitter, or what the provider's {@code retry-after} asks.
 * {@code outbound} decides which addresses the client may connect to (checked at every connect).
 */
public record ProviderSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        Duration streamIdleTimeout,
        int maxRetries,
        Duration initialBackoff,
        CircuitBreakerSettings breaker,
        OutboundPolicy outbound) {
    /** Longest {@code retry-after} honoured; a provider asking for more fails the call instead of parking it. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    public ProviderSettings {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
    }

    public static ProviderSettings defaults() {
        return new ProviderSettings(
                Duration.ofSeconds(10),
                Duration.ofMinutes(10),
                Duration.ofSeconds(90),
                2,
                Duration.ofMillis(500),
                CircuitBreakerSettings.defaults(),
                OutboundPolicy.PUBLIC_ONLY);
    }

    /** These settings with another outbound policy (the embedded default admits loopback models). */
    public ProviderSettings withOutbound(OutboundPolicy policy) {
        return new ProviderSettings(
                connectTimeout, requestTimeout, streamIdleTimeout, maxRetries, initialBackoff, breaker, policy);
    }
}
