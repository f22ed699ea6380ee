package dev.stoa.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.proto.identity.v1.PlatformToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Exchanges API keys, SDK secrets and Keycloak tokens for platform tokens, once per credential: results are cached by the SHA-256
 * (hex) of the secret until shortly before the token expires, and concurrent requests with the same secret share
 * one call to identity. A revocation evicts the entry by the same hash.
 */
public class CredentialExchanger {
    private final IdentityClient identity;
    private final Clock clock;
    private final Duration margin;
    private final Cache<String, ExchangedCredential> cache;
    private final ConcurrentMap<String, Mono<ExchangedCredential>> inFlight = new ConcurrentHashMap<>();

    public CredentialExchanger(IdentityClient identity, Duration margin, long maxSize) {
        this(identity, margin, maxSize, Clock.systemUTC(), Ticker.systemTicker());
    }

    CredentialExchanger(IdentityClient identity, Duration margin, long maxSize, Clock clock, Ticker ticker) {
        this.identity = identity;
        this.clock = clock;
        this.margin = margin;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(Expiry.<String, ExchangedCredential>writing((hash, credential) -> cacheFor(credential)))
                .build();
    }

    public Mono<ExchangedCredential> exchange(Credential.ApiKey apiKey) {
        return exchange(apiKey.key(), identity::exchangeApiKey, TokenType.API_KEY);
    }

    public Mono<ExchangedCredential> exchange(Credential.SdkSecret secret) {
        return exchange(secret.secret(), identity::exchangeSdkSecret, TokenType.SDK);
    }

    /** A Keycloak realm's access token, exchanged for a platform user token (cached until that one expires). */
    public Mono<ExchangedCredential> exchangeKeycloakToken(String keycloakToken) {
        return exchange(keycloakToken, identity::exchangeKeycloakToken, TokenType.USER);
    }

    /** Whether {@code secret} would be served from the cache, without a call to identity. */
    public boolean isCached(String secret) {
        return cache.getIfPresent(hash(secret)) != null;
    }

    /** Forgets the exchanged token of the credential whose secret hashes to {@code credentialHash}. */
    public void evict(String credentialHash) {
        String hash = credentialHash.toLowerCase(Locale.ROOT);
        inFlight.remove(hash);
        cache.invalidate(hash);
    }

    /** SHA-256 of a secret in lowercase hex, as identity computes {@code credential_hash}. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Mono<ExchangedCredential> exchange(
            String secret, Function<String, Mono<PlatformToken>> call, TokenType expected) {
        // deferred: nothing is looked up or registered as in flight unless the caller subscribes
        return Mono.defer(() -> exchangeNow(secret, call, expected));
    }

    private Mono<ExchangedCredential> exchangeNow(
            String secret, Function<String, Mono<PlatformToken>> call, TokenType expected) {
        String hash = hash(secret);
        ExchangedCredential cached = cache.getIfPresent(hash);
        if (cached != null) {
            return Mono.just(cached);
        }
        // One shared call per hash. The cache is settled before any caller sees the outcome, so a request right
        // after finds the token cached (or, after a refusal, asks again). cache() keeps the call running when
        // the client that started it hangs up, for the others waiting on it.
        return inFlight.computeIfAbsent(hash, h -> call.apply(secret)
                .map(token -> toCredential(token, expected))
                .doOnSuccess(credential -> {
                    if (credential != null) {
                        cache.put(h, credential);
                    }
                    inFlight.remove(h);
                })
                .doOnError(e -> inFlight.remove(h))
                .cache());
    }

    private ExchangedCredential toCredential(PlatformToken token, TokenType expected) {
        TokenType type;
        Role role;
        try {
            type = TokenType.fromWire(token.getTokenType());
            role = token.getRole().isEmpty() ? null : Role.fromWire(token.getRole());
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException("invalid_token", "identity issued an unknown token type or role");
        }
        if (type != expected) {
            throw new UnauthenticatedException("invalid_token", "identity issued a token of the wrong type");
        }
        Principal principal = new Principal(
                token.getOrgId(),
                token.getSubject(),
                null,
                role,
                Set.copyOf(token.getScopesList()),
                type,
                token.getSessionId());
        Instant expiresAt = Instant.ofEpochSecond(
                token.getExpiresAt().getSeconds(), token.getExpiresAt().getNanos());
        return new ExchangedCredential(token.getAccessToken(), principal, expiresAt);
    }

    private Duration cacheFor(ExchangedCredential credential) {
        Duration left = Duration.between(clock.instant(), credential.expiresAt().minus(margin));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
