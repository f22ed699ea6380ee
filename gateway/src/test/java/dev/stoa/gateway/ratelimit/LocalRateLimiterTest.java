package dev.stoa.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.gateway.config.GatewayProperties.RateLimit;
import dev.stoa.gateway.config.GatewayProperties.RateLimit.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    private final LocalRateLimiter limiter = new LocalRateLimiter(
            new BucketPolicy(new RateLimit(
                    new Limit(5, Duration.ofMinutes(1)),
                    new Limit(3, Duration.ofMinutes(1)),
                    new Limit(2, Duration.ofSeconds(30)),
                    null,
                    1000,
                    List.of())),
            1000);

    @Test
    void countsDownAndThenRefusesWithRetryAfter() {
        RateLimitKey user = new RateLimitKey(RateLimitKey.Kind.USER, "usr_1");

        RateLimitDecision first = limiter.tryConsume(user).block();
        limiter.tryConsume(user).block();
        RateLimitDecision third = limiter.tryConsume(user).block();
        RateLimitDecision fourth = limiter.tryConsume(user).block();

        assertThat(first).isNotNull();
        assertThat(first.allowed()).isTrue();
        assertThat(first.limit()).isEqualTo(3);
        assertThat(first.remaining()).isEqualTo(2);
        long now = Instant.now().getEpochSecond();
        assertThat(first.resetEpochSeconds()).isBetween(now, now + 61);
        assertThat(third).isNotNull();
        assertThat(third.remaining()).isZero();
        assertThat(fourth).isNotNull();
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterSeconds()).isBetween(1L, 60L);
    }

    @Test
    void keepsSeparateBudgetsPerKeyAndKind() {
        for (int i = 0; i < 2; i++) {
            limiter.tryConsume(RateLimitKey.ip("203.0.113.1")).block();
        }

        RateLimitDecision exhausted =
                limiter.tryConsume(RateLimitKey.ip("203.0.113.1")).block();
        RateLimitDecision otherIp =
                limiter.tryConsume(RateLimitKey.ip("203.0.113.2")).block();
        RateLimitDecision apiKey = limiter.tryConsume(new RateLimitKey(RateLimitKey.Kind.API_KEY, "203.0.113.1"))
                .block();

        assertThat(exhausted).extracting(RateLimitDecision::allowed).isEqualTo(false);
        assertThat(otherIp).extracting(RateLimitDecision::allowed).isEqualTo(true);
        assertThat(apiKey).extracting(RateLimitDecision::limit).isEqualTo(5L);
    }
}
