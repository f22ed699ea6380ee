package dev.stoa.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Validates platform tokens locally: RS256 signature against identity's JWKS (fetched once, refetched — throttled —
 * for an unknown key id), then the shared {@link PlatformClaims#validator(String) platform claims} rules. A token
 * that passed is remembered until it expires, so a client reusing its token costs one signature check, not one per
 * request (the check was most of the gateway's CPU per request); revocation is still checked on every request by
 * the caller, since a revoked token is still a validly signed one.
 */
public final class PlatformTokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(PlatformTokenVerifier.class);

    private static final long MAX_REMEMBERED = 100_000;

    private final ReactiveJwtDecoder decoder;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(MAX_REMEMBERED)
            .expireAfter(Expiry.<String, Verified>creating(
                    (token, value) -> Duration.between(Instant.now(), value.expiresAt())))
            .build();

    /** @param fetchTimeout how long a fetch of the signing keys may take before the token check fails with 503 */
    public PlatformTokenVerifier(URI jwksUri, String issuer, Duration fetchTimeout) {
        ThrottledJwkSource keys = new ThrottledJwkSource(
                WebClient.create(), jwksUri, Duration.ofSeconds(10), fetchTimeout, Clock.systemUTC());
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(PlatformClaims.validator(issuer));
        this.decoder = nimbus;
    }

    /** The principal of a valid token; 401 for a bad token, 503 when the signing keys cannot be fetched. */
    public Mono<Principal> verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null && known.expiresAt().isAfter(Instant.now())) {
            return Mono.just(known.principal());
        }
        return decoder.decode(token)
                .map(jwt -> {
                    Principal principal = PlatformClaims.toPrincipal(jwt);
                    if (jwt.getExpiresAt() != null) {
                        verified.put(token, new Verified(principal, jwt.getExpiresAt()));
                    }
                    return principal;
                })
                .onErrorMap(PlatformTokenVerifier::translate);
    }

    private record Verified(Principal principal, Instant expiresAt) {}

    private static Throwable translate(Throwable error) {
        if (error instanceof JwtException) {
            log.debug("platform token refused: {}", error.getMessage());
            return new UnauthenticatedException("invalid_token", "the token is invalid or has expired");
        }
        if (error instanceof IllegalArgumentException) {
            // toPrincipal met a typ or role it does not know
            return new UnauthenticatedException("invalid_token", "the token is not a platform token");
        }
        if (error instanceof IllegalStateException) {
            log.warn("could not fetch the signing keys to verify a token: {}", error.getMessage());
            return new StoaException(
                    ErrorKind.UNAVAILABLE,
                    "identity_unavailable",
                    "tokens cannot be verified right now",
                    true,
                    List.of(),
                    error);
        }
        return error;
    }
}
