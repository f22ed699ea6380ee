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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Exchanges API keys, SDK secrets and Keycloak tokens for platform tokens, once per credential: results are cached by
 * the SHA-256 (hex) of the secret until shortly before the token expires, and concurrent requests with the same
 * secret share one call to identity. A revocation evicts the entry by the same hash.
 *
 * <p>The shared call is a future that always ends: identity's deadline, and a bound of its own on top. The cache and
 * the in-flight table are settled before the future completes, so whoever sees the outcome and asks again finds the
 * token cached, or (after a failure) starts a fresh call. Every caller waits on its own copy of the future: one that
 * hangs up cancels only its copy, never the call the others wait on.
 */
public final class CredentialExchanger {
    private final IdentityClient identity;
    private final Clock clock;
    private final Duration margin;
    private final Duration timeout;
    private final Cache<String, ExchangedCredential> cache;
    private final ConcurrentMap<String, CompletableFuture<ExchangedCredential>> inFlight = new ConcurrentHashMap<>();

    public CredentialExchanger(IdentityClient identity, Duration margin, long maxSize, Duration timeout) {
        this(identity, margin, maxSize, timeout, Clock.systemUTC(), Ticker.systemTicker());
    }

    CredentialExchanger(
            IdentityClient identity, Duration margin, long maxSize, Duration timeout, Clock clock, Ticker ticker) {
        this.identity = identity;
        this.clock = clock;
        this.margin = margin;
        this.timeout = timeout;
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
        // deferred: nothing is looked up or started unless the caller subscribes
        return Mono.defer(() -> {
            String hash = hash(secret);
            ExchangedCredential cached = cache.getIfPresent(hash);
            if (cached != null) {
                return Mono.just(cached);
            }
            CompletableFuture<ExchangedCredential> mine = new CompletableFuture<>();
            CompletableFuture<ExchangedCredential> shared = inFlight.putIfAbsent(hash, mine);
            if (shared == null) {
                shared = mine;
                start(hash, mine, call.apply(secret).map(token -> toCredential(token, expected)));
            }
            return Mono.fromFuture(shared.copy());
        });
    }

    /** Runs the shared call; bookkeeping first, then the waiters learn the outcome. */
    private void start(String hash, CompletableFuture<ExchangedCredential> result, Mono<ExchangedCredential> call) {
        call.timeout(timeout, Mono.error(() -> GrpcIdentityClient.unavailable(new TimeoutException("no answer"))))
                .switchIfEmpty(Mono.error(() -> GrpcIdentityClient.unavailable(new IllegalStateException("no token"))))
                .subscribe(
                        credential -> {
                            cache.put(hash, credential);
                            inFlight.remove(hash, result);
                            result.complete(credential);
                        },
                        error -> {
                            inFlight.remove(hash, result);
                            result.completeExceptionally(error);
                        });
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
