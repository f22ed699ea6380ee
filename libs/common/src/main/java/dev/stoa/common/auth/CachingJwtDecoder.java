package dev.stoa.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens it has verified for a minute at most, and never past their expiry, so that a caller sending the
 * same token on every request pays for the signature check and the claims once, not per call (a quarter of
 * tool-router's CPU per dispatched call went there). The whole token is the key: only the very same bytes hit.
 * Revocation is not cached here; the callers check it on every request, after decoding.
 */
public final class CachingJwtDecoder implements JwtDecoder {
    static final Duration MAX_AGE = Duration.ofMinutes(1);
    static final int MAX_TOKENS = 4_096;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(MAX_AGE)
            .build();

    public CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (live(known)) {
                return known;
            }
            verified.invalidate(token);
        }
        Jwt jwt = delegate.decode(token);
        if (live(jwt)) {
            // one the delegate accepted within its clock skew after expiry is decoded afresh each time
            verified.put(token, jwt);
        }
        return jwt;
    }

    private boolean live(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}
