package dev.stoa.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Budgets shared by every gateway instance through Redis (Bucket4j compare-and-swap over Lettuce, asynchronous).
 * The connection is opened on first use and reopened after a failure, so a Redis outage at start-up does not
 * stop the gateway; callers decide what a failed decision means.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
    private static final String KEY_PREFIX = "stoa:ratelimit:";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final BucketPolicy policy;
    private final RedisClient client;
    private final RedisURI uri;
    private final Map<RateLimitKey.Kind, BucketConfiguration> configurations = new EnumMap<>(RateLimitKey.Kind.class);
    private final AtomicReference<CompletableFuture<AsyncProxyManager<String>>> buckets = new AtomicReference<>();

    public RedisRateLimiter(BucketPolicy policy, String redisUrl) {
        this.policy = policy;
        this.uri = RedisURI.create(redisUrl);
        this.uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create();
        for (RateLimitKey.Kind kind : RateLimitKey.Kind.values()) {
            configurations.put(kind, policy.configuration(kind));
        }
    }

    @Override
    public Mono<RateLimitDecision> tryConsume(RateLimitKey key) {
        return Mono.fromFuture(this::proxyManager)
                .flatMap(manager -> Mono.fromFuture(() -> manager.builder()
                        .build(KEY_PREFIX + key.asString(), configurations.get(key.kind()))
                        .tryConsumeAndReturnRemaining(1)))
                .timeout(TIMEOUT)
                .map(probe -> policy.decide(key.kind(), probe));
    }

    private CompletableFuture<AsyncProxyManager<String>> proxyManager() {
        CompletableFuture<AsyncProxyManager<String>> current = buckets.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<AsyncProxyManager<String>> fresh = client.connectAsync(
                        RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri)
                .toCompletableFuture()
                .thenApply(connection -> Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofSeconds(10)))
                        .build()
                        .asAsync())
                // a connect that hangs is given up, so the next request tries afresh instead of sharing it forever
                .orTimeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return buckets.compareAndSet(current, fresh) ? fresh : buckets.get();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
