package dev.stoa.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Spends one request from a caller's budget. */
public interface RateLimiter {
    Mono<RateLimitDecision> tryConsume(RateLimitKey key);
}
