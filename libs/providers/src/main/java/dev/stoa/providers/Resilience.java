package dev.stoa.providers;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Retries with exponential backoff and jitter, and one circuit breaker, for one provider endpoint. */
final class Resilience {
    private final ProviderSettings settings;
    private final CircuitBreaker breaker;

    Resilience(String name, ProviderSettings settings) {
        this.settings = settings;
        CircuitBreakerSettings b = settings.breaker();
        this.breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(b.windowSize())
                        .minimumNumberOfCalls(b.minimumCalls())
                        .failureRateThreshold(b.failureRatePercent())
                        .waitDurationInOpenState(b.openDuration())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(e -> e instanceof ProviderException p && p.outage())
                        .build());
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /**
     * Runs {@code attempt} until it returns, retrying what {@link ProviderException#retriedInternally()} allows.
     * Each attempt holds a breaker permit (unless {@code guarded} is false) that the attempt settles on success;
     * a thrown exception settles it as a failure here.
     */
    <T> T call(boolean guarded, Function<Permit, T> attempt) {
        for (int n = 0; ; n++) {
            Permit permit = guarded ? acquire() : new Permit(null);
            try {
                return attempt.apply(permit);
            } catch (RuntimeException e) {
                permit.failure(e);
                if (!(e instanceof ProviderException failure)
                        || !failure.retriedInternally()
                        || n >= settings.maxRetries()) {
                    throw e;
                }
                Duration wait = backoff(n, failure.retryAfter());
                if (wait == null) {
                    throw failure;
                }
                pause(wait, failure);
            }
        }
    }

    private Permit acquire() {
        if (!breaker.tryAcquirePermission()) {
            throw ProviderException.circuitOpen();
        }
        return new Permit(breaker);
    }

    /** Exponential with "equal jitter" (half fixed, half random); a provider's retry-after wins if it is sane. */
    private @Nullable Duration backoff(int attempt, @Nullable Duration retryAfter) {
        if (retryAfter != null && retryAfter.isPositive()) {
            return retryAfter.compareTo(ProviderSettings.MAX_RETRY_AFTER) <= 0 ? retryAfter : null;
        }
        long base = settings.initialBackoff().toMillis() << Math.min(attempt, 16);
        long half = Math.max(1, base / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static void pause(Duration wait, ProviderException failure) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** One breaker permission; settled at most once, as success or failure. */
    static final class Permit {
        private final @Nullable CircuitBreaker breaker;
        private final long startNanos = System.nanoTime();
        private boolean settled;

        Permit(@Nullable CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        synchronized void success() {
            if (breaker != null && !settled) {
                breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
            settled = true;
        }

        synchronized void failure(Throwable error) {
            if (breaker != null && !settled) {
                breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, error);
            }
            settled = true;
        }
    }
}
