package dev.stoa.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Credential ids ({@code sid}) revoked before their tokens expire. Each entry lives until its {@code forget_after}
 * (when every token carrying the sid has expired anyway); there is no size bound, since dropping an entry early
 * would let a revoked token back in.
 */
public final class RevocationRegistry implements RevocationCheck {
    private final Clock clock;
    private final Cache<String, Instant> revoked;

    public RevocationRegistry() {
        this(Clock.systemUTC(), Ticker.systemTicker());
    }

    RevocationRegistry(Clock clock, Ticker ticker) {
        this.clock = clock;
        this.revoked = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(Expiry.<String, Instant>writing((sid, forgetAfter) -> untilForget(forgetAfter)))
                .build();
    }

    /** Refuses {@code sessionId} until {@code forgetAfter}; a later forget time extends an earlier one. */
    public void revoke(String sessionId, Instant forgetAfter) {
        if (sessionId.isEmpty() || !forgetAfter.isAfter(clock.instant())) {
            return;
        }
        revoked.asMap().merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
    }

    public boolean isRevoked(String sessionId) {
        return !sessionId.isEmpty() && revoked.getIfPresent(sessionId) != null;
    }

    @Override
    public boolean isRevoked(Principal principal) {
        return isRevoked(principal.sessionId());
    }

    private Duration untilForget(Instant forgetAfter) {
        Duration left = Duration.between(clock.instant(), forgetAfter);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
