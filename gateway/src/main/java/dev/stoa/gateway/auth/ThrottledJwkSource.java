package dev.stoa.gateway.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * identity's signing keys for token verification. A token with an unknown key id triggers a refetch (that is how a
 * rotated key is learnt), but at most once per {@code minRefetchInterval}, so a stream of forged key ids cannot turn
 * the gateway into a JWKS-fetching amplifier against identity. Concurrent refetches share one request.
 */
public class ThrottledJwkSource {
    private final WebClient client;
    private final URI jwksUri;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(new JWKSet(), Instant.EPOCH));
    private final AtomicReference<@Nullable Mono<JWKSet>> inFlight = new AtomicReference<>();

    public ThrottledJwkSource(WebClient client, URI jwksUri, Duration minRefetchInterval, Clock clock) {
        this.client = client;
        this.jwksUri = jwksUri;
        this.minRefetchInterval = minRefetchInterval;
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
        Mono<JWKSet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<JWKSet> fetch = client.get()
                .uri(jwksUri)
                .retrieve()
                .bodyToMono(String.class)
                .map(ThrottledJwkSource::parse)
                .doOnNext(keys -> snapshot.set(new Snapshot(keys, clock.instant())))
                .onErrorMap(
                        e -> e instanceof IllegalStateException ? e : new IllegalStateException("JWKS fetch failed", e))
                .doFinally(signal -> inFlight.set(null))
                .cache();
        return inFlight.compareAndSet(null, fetch) ? fetch : refresh();
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
