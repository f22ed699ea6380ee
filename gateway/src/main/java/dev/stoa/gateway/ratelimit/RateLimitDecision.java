package dev.stoa.gateway.ratelimit;

/**
 * The result of spending one request from a budget, in the terms of the {@code X-RateLimit-*} headers.
 *
 * @param resetEpochSeconds when the budget is full again
 * @param retryAfterSeconds when a refused request may be retried (0 when allowed)
 */
public record RateLimitDecision(
        boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {}
