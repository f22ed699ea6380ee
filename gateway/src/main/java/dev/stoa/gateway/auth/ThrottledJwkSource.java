package dev.stoa.gateway.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * identity's signing keys for token verification. A token with an unknown key id triggers a refetch (that is how a
 * rotated key is learnt), but at most once per {@code minRefetchInterval}, so a stream of forged key ids cannot turn
 * the gateway into a JWKS-fetching amplifier against identity. Concurrent refetches share one request, which ends
 * within {@code fetchTimeout} whatever identity does, so no token check can wait on it for longer.
 */
public final class ThrottledJwkSource {
    private final WebClient client;
    private final URI jwksUri;
    private final Duration minRefetchInterval;
    private final Duration fetchTimeout;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(new JWKSet(), Instant.EPOCH));
    private final AtomicReference<@Nullable CompletableFuture<JWKSet>> inFlight = new AtomicReference<>();

    public ThrottledJwkSource(
            WebClient client, URI jwksUri, Duration minRefetchInterval, Duration fetchTimeout, Clock clock) {
        this.client = client;
        this.jwksUri = jwksUri;
        this.minRefetchInterval = minRefetchInterval;
        this.fetchTimeout = fetchTimeout;
        this.clock = clock;
    }

    /** The keys that may have signed {@code jwt}: those with its key id. */
    public Flux<JWK> keysFor(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        Snapshot current = snapshot.get();
        JWK known = kid == null ? null : current.keys().getKeyByKeyId(kid);
        if (known != null) {
            return Flux.just(known);
        }
        if (current.fetchedAt().plus(minRefetchInterval).isAfter(clock.instant())) {
            return Flux.empty(); // fetched moments ago and the key was not there: a refetch would not help
        }
        return refresh().flatMapMany(keys -> {
            JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
            return key == null ? Flux.empty() : Flux.just(key);
        });
    }

    private Mono<JWKSet> refresh() {
        CompletableFuture<JWKSet> running = inFlight.get();
        if (running != null && !running.isDone()) {
            return Mono.fromFuture(running, true);
        }
        CompletableFuture<JWKSet> fetch = new CompletableFuture<>();
        if (!inFlight.compareAndSet(running, fetch)) {
            return refresh(); // another request started a fetch just now: share it
        }
        client.get()
                .uri(jwksUri)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(fetchTimeout)
                .map(ThrottledJwkSource::parse)
                .subscribe(
                        keys -> {
                            snapshot.set(new Snapshot(keys, clock.instant()));
                            fetch.complete(keys);
                        },
                        error -> {
                            // A failed fetch counts too: a down identity must not be hammered once per request.
                            snapshot.set(new Snapshot(snapshot.get().keys(), clock.instant()));
                            fetch.completeExceptionally(
                                    error instanceof IllegalStateException
                                            ? error
                                            : new IllegalStateException("JWKS fetch failed", error));
                        });
        return Mono.fromFuture(fetch, true);
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("identity served an unreadable JWKS", e);
        }
    }

    private record Snapshot(JWKSet keys, Instant fetchedAt) {}
}
