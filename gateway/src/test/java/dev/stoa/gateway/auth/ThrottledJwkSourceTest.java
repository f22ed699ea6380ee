package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stoa.common.auth.Role;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestJwtIssuer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ThrottledJwkSourceTest {
    final TestJwtIssuer issuer = new TestJwtIssuer();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void forgedKeyIdsCauseAtMostOneFetchPerInterval() throws Exception {
        try (JwksServer server = JwksServer.start(issuer)) {
            ThrottledJwkSource source = new ThrottledJwkSource(
                    WebClient.create(),
                    URI.create(server.jwksUri()),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5),
                    clock);
            SignedJWT genuine = SignedJWT.parse(issuer.issue(Principals.user("org_a", "usr_a", Role.OWNER)));

            assertThat(source.keysFor(genuine).collectList().block()).hasSize(1);
            for (int i = 0; i < 50; i++) {
                assertThat(source.keysFor(forged("kid-" + i)).collectList().block())
                        .isEmpty();
            }
            assertThat(source.keysFor(genuine).collectList().block()).hasSize(1);
            assertThat(server.requestCount()).isEqualTo(1);

            now.set(now.get().plusSeconds(11));
            assertThat(source.keysFor(forged("kid-late")).collectList().block()).isEmpty();
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void aJwksFetchThatNeverAnswersEndsWithinTheTimeoutForEveryWaiter() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // accepts connections (the kernel does, via the backlog) and never answers
            ThrottledJwkSource source = new ThrottledJwkSource(
                    WebClient.create(),
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/jwks.json"),
                    Duration.ofSeconds(10),
                    Duration.ofMillis(500),
                    clock);
            SignedJWT token = SignedJWT.parse(issuer.issue(Principals.user("org_a", "usr_a", Role.OWNER)));

            var outcomes = Flux.range(0, 5)
                    .flatMap(i -> source.keysFor(token)
                            .collectList()
                            .map(keys -> "keys")
                            .onErrorResume(IllegalStateException.class, e -> Mono.just("unavailable")))
                    .collectList()
                    .toFuture();

            assertThat(outcomes.orTimeout(5, TimeUnit.SECONDS).join())
                    .hasSize(5)
                    .containsOnly("unavailable");
        }
    }

    static SignedJWT forged(String kid) {
        return new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().subject("x").build());
    }
}
