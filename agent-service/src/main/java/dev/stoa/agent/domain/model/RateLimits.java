package dev.stoa.agent.domain.model;

/** Per-minute limits; 0 means unlimited. */
public record RateLimits(int requestsPerMinute, int tokensPerMinute) {
    public static final RateLimits NONE = new RateLimits(0, 0);
}
