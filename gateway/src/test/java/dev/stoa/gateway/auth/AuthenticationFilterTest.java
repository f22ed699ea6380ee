package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.gateway.ratelimit.BucketPolicy;
import dev.stoa.gateway.ratelimit.ClientIpResolver;
import dev.stoa.gateway.ratelimit.LocalRateLimiter;
import dev.stoa.gateway.ratelimit.RateLimitDecision;
import dev.stoa.gateway.ratelimit.RateLimitKey;
import dev.stoa.proto.identity.v1.PlatformToken;
import dev.stoa.revocation.RevocationRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An API key is replaced by its platform token before the request goes downstream, and the services learn the client's
 * address from the gateway only.
 */
class AuthenticationFilterTest {
    private final GatewayProperties properties = new Binder(
                    new MapConfigurationPropertySource(Map.of("stoa.gateway.rate-limit.ip.limit", "4")))
            .bindOrCreate("stoa.gateway", GatewayProperties.class);
    private final KnowsOneKey identity = new KnowsOneKey();
    private final LocalRateLimiter limiter = new LocalRateLimiter(new BucketPolicy(properties.rateLimit()), 100);
    private final ClientIpResolver clientIps = new ClientIpResolver(List.of());
    private final AuthenticationFilter filter = new AuthenticationFilter(
            new Authenticator(
                    properties.auth(),
                    new PlatformTokenVerifier(
                            URI.create("http://127.0.0.1:9/jwks.json"), "stoa", Duration.ofSeconds(5)),
                    new CredentialExchanger(identity, Duration.ofSeconds(30), 100, Duration.ofSeconds(5)),
                    new RevocationRegistry(),
                    ExchangeGuard.byClientIp(limiter, clientIps)),
            limiter,
            clientIps,
            new RequestMatcher(List.of("/health")));

    @Test
    void forwardsTheExchangedTokenInsteadOfTheApiKey() {
        AtomicReference<ServerWebExchange> downstream = new AtomicReference<>();
        MockServerWebExchange exchange = exchange("x-api-key", KnowsOneKey.KEY);

        filter.filter(exchange, e -> {
                    downstream.set(e);
                    return Mono.empty();
                })
                .block();

        HttpHeaders forwarded = downstream.get().getRequest().getHeaders();
        assertThat(forwarded.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer platform-token");
        assertThat(forwarded.containsHeader("x-api-key")).isFalse();
        Principal principal = downstream.get().getAttribute(AuthenticationFilter.PRINCIPAL_ATTR);
        assertThat(principal).isNotNull();
        assertThat(principal.subject()).isEqualTo("key_1");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Limit"))
                .isNull(); // written when the response commits
        exchange.getResponse().setComplete().block();
        assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Limit"))
                .isEqualTo("600");
    }

    @Test
    void tellsTheServicesTheClientAddressItResolvedNotTheOneAClientClaims() {
        AtomicReference<ServerWebExchange> downstream = new AtomicReference<>();
        // a public path: anonymous requests (a login) carry the address too
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 5000))
                .header(AuthenticationFilter.CLIENT_ADDRESS_HEADER, "10.0.0.1"));

        filter.filter(exchange, e -> {
                    downstream.set(e);
                    return Mono.empty();
                })
                .block();

        assertThat(downstream.get().getRequest().getHeaders().get(AuthenticationFilter.CLIENT_ADDRESS_HEADER))
                .containsExactly("203.0.113.9");
    }

    @Test
    void refusesAnUnknownKeyWithoutCallingDownstream() {
        MockServerWebExchange exchange = exchange(HttpHeaders.AUTHORIZATION, "Bearer stoa_sk_unknown");

        assertThatThrownBy(() -> filter.filter(exchange, e -> Mono.error(new AssertionError("reached downstream")))
                        .block())
                .isInstanceOfSatisfying(
                        StoaException.class, e -> assertThat(e.code()).isEqualTo("invalid_api_key"));
    }

    @Test
    void capsCallsToIdentityForUnknownKeysByClientIp() {
        for (int i = 0; i < 6; i++) {
            MockServerWebExchange exchange = exchange("x-api-key", "stoa_sk_guess_" + i);
            assertThatThrownBy(() -> filter.filter(exchange, e -> Mono.empty()).block())
                    .isInstanceOf(StoaException.class);
        }

        // an IP budget of 4: each refused new key spends one for the exchange and one for the refusal
        assertThat(identity.calls).hasValue(2);
    }

    @Test
    void servesRepeatedKnownKeysWithoutSpendingTheIpBudget() {
        for (int i = 0; i < 6; i++) {
            filter.filter(exchange("x-api-key", KnowsOneKey.KEY), e -> Mono.empty())
                    .block();
        }

        assertThat(identity.calls).hasValue(1);
        // four minus the first (uncached) exchange, minus this probe
        assertThat(limiter.tryConsume(RateLimitKey.ip("203.0.113.5")).block())
                .extracting(RateLimitDecision::remaining)
                .isEqualTo(2L);
    }

    private static MockServerWebExchange exchange(String header, String value) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/org")
                .remoteAddress(new InetSocketAddress("203.0.113.5", 5000))
                .header(header, value));
    }

    /** Identity as far as this test needs it: one valid API key. */
    private static final class KnowsOneKey implements IdentityClient {
        static final String KEY = "stoa_sk_known";
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Mono<PlatformToken> exchangeApiKey(String apiKey) {
            return Mono.defer(() -> {
                calls.incrementAndGet();
                return answer(apiKey);
            });
        }

        private Mono<PlatformToken> answer(String apiKey) {
            if (!apiKey.equals(KEY)) {
                return Mono.error(new UnauthenticatedException("invalid_api_key", "the API key is invalid"));
            }
            return Mono.just(PlatformToken.newBuilder()
                    .setAccessToken("platform-token")
                    .setExpiresAt(Timestamp.newBuilder()
                            .setSeconds(Instant.now().plusSeconds(300).getEpochSecond()))
                    .setOrgId("org_1")
                    .setSubject("key_1")
                    .setTokenType("api_key")
                    .setSessionId("key_1")
                    .build());
        }

        @Override
        public Mono<PlatformToken> exchangeSdkSecret(String sdkSecret) {
            return Mono.error(new UnauthenticatedException("invalid_sdk_secret", "the SDK secret is invalid"));
        }
    }
}
