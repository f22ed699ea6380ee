package dev.stoa.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

/**
 * Budgets in this JVM (the embedded default and single-instance deployments). Buckets are bounded in number and
 * forgotten after a window without use, when they would be full again anyway.
 */
public final class LocalRateLimiter implements RateLimiter {
    private final BucketPolicy policy;
    private final Cache<RateLimitKey, Bucket> buckets;

    public LocalRateLimiter(BucketPolicy policy, long maxBuckets) {
        this.policy = policy;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfterAccess(policy.longestWindow())
                .build();
    }

    @Override
    public Mono<RateLimitDecision> tryConsume(RateLimitKey key) {
        Bucket bucket = buckets.get(
                key, k -> Bucket.builder().addLimit(policy.bandwidth(k.kind())).build());
        return Mono.just(policy.decide(key.kind(), bucket.tryConsumeAndReturnRemaining(1)));
    }
}
