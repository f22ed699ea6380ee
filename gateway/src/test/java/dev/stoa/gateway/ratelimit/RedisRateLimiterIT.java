package dev.stoa.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.gateway.config.GatewayProperties.RateLimit;
import dev.stoa.gateway.config.GatewayProperties.RateLimit.Limit;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** Two gateway instances on one real Redis spend one budget. */
class RedisRateLimiterIT {
    private static RedisServer redis;
    private static String url;

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = new RedisServer(port);
        redis.start();
        url = "redis://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @Test
    void sharesOneBudgetAcrossInstances() {
        try (RedisRateLimiter first = limiter();
                RedisRateLimiter second = limiter()) {
            RateLimitKey key = new RateLimitKey(RateLimitKey.Kind.API_KEY, "key_shared");

            RateLimitDecision a = first.tryConsume(key).block();
            RateLimitDecision b = second.tryConsume(key).block();
            RateLimitDecision c = first.tryConsume(key).block();
            RateLimitDecision d = second.tryConsume(key).block();

            assertThat(a).extracting(RateLimitDecision::remaining).isEqualTo(2L);
            assertThat(b).extracting(RateLimitDecision::remaining).isEqualTo(1L);
            assertThat(c).extracting(RateLimitDecision::remaining).isEqualTo(0L);
            assertThat(d).isNotNull();
            assertThat(d.allowed()).isFalse();
            assertThat(d.retryAfterSeconds()).isPositive();
            RateLimitDecision other = second.tryConsume(new RateLimitKey(RateLimitKey.Kind.API_KEY, "key_other"))
                    .block();
            assertThat(other).extracting(RateLimitDecision::allowed).isEqualTo(true);
        }
    }

    private static RedisRateLimiter limiter() {
        Limit three = new Limit(3, Duration.ofMinutes(1));
        return new RedisRateLimiter(new BucketPolicy(new RateLimit(three, three, three, url, 100, List.of())), url);
    }
}
