package dev.stoa.providers;

import java.time.Duration;

/**
 * When a provider endpoint's breaker opens: once at least {@code minimumCalls} of the last {@code windowSize} calls
 * were recorded and {@code failureRatePercent} of them failed (5xx, timeouts, unreachable, cut streams; never 4xx),
 * it answers {@code provider_circuit_open} for {@code openDuration}, then lets a few trial calls through.
 */
public record CircuitBreakerSettings(
        int windowSize, int minimumCalls, float failureRatePercent, Duration openDuration) {
    public CircuitBreakerSettings {
        if (windowSize < 1 || minimumCalls < 1 || failureRatePercent <= 0 || failureRatePercent > 100) {
            throw new IllegalArgumentException("invalid circuit breaker settings");
        }
    }

    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(20, 5, 50f, Duration.ofSeconds(30));
    }
}
