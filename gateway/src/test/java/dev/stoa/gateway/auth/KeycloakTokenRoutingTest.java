package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.proto.identity.v1.PlatformToken;
import dev.stoa.revocation.RevocationRegistry;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestJwtIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Bearer JWTs are routed by their issuer: the configured Keycloak realm's go to identity for an exchange (cached by
 * token hash), identity's own are verified locally, and any other issuer is refused without asking identity.
 */
class KeycloakTokenRoutingTest {
    static final String REALM = "http://keycloak.test/realms/stoa";

    private static final TestJwtIssuer platform = new TestJwtIssuer("stoa");
    private static final TestJwtIssuer keycloak = new TestJwtIssuer(REALM);
    private static final TestJwtIssuer otherRealm = new TestJwtIssuer("http://keycloak.test/realms/other");
    // the other realm's key is even published next to identity's: its tokens fail on the issuer alone
    private static JwksServer jwks;
    private final KeycloakIdentity identity = new KeycloakIdentity();

    @BeforeAll
    static void start() {
        jwks = JwksServer.start(platform, otherRealm);
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    @Test
    void keycloakRealmTokenIsExchangedOnceForAPlatformUserToken() {
        Authenticator authenticator = authenticator(REALM);
        String token = keycloak.issue(Principals.user("org_1", "kc-user", Role.MEMBER));
        identity.members.put(token, "usr_1");

        AuthOutcome first = authenticator.authenticate(bearer(token)).block();
        AuthOutcome second = authenticator.authenticate(bearer(token)).block();

        assertThat(first).isInstanceOfSatisfying(AuthOutcome.Authenticated.class, a -> {
            assertThat(a.exchangedToken()).isEqualTo("platform-token-for-usr_1");
            assertThat(a.principal().tokenType()).isEqualTo(TokenType.USER);
            assertThat(a.principal().orgId()).isEqualTo("org_1");
            assertThat(a.principal().subject()).isEqualTo("usr_1");
        });
        assertThat(second).isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(identity.calls).as("cached by token hash").hasValue(1);
    }

    @Test
    void tokenOfAnotherRealmIsRefusedWithoutAskingIdentity() {
        String token = otherRealm.issue(Principals.user("org_1", "kc-user", Role.MEMBER));

        assertRejected(authenticator(REALM).authenticate(bearer(token)).block(), "invalid_token");
        assertThat(identity.calls).hasValue(0);
    }

    @Test
    void keycloakTokensAreRefusedWhenNoRealmIsConfigured() {
        String token = keycloak.issue(Principals.user("org_1", "kc-user", Role.MEMBER));
        identity.members.put(token, "usr_1");

        assertRejected(authenticator("").authenticate(bearer(token)).block(), "invalid_token");
        assertThat(identity.calls).hasValue(0);
    }

    @Test
    void keycloakUserWithoutMembershipIsUnknownUser() {
        String token = keycloak.issue(Principals.user("org_1", "stranger", Role.MEMBER));

        assertRejected(authenticator(REALM).authenticate(bearer(token)).block(), "unknown_user");
        assertThat(identity.calls).hasValue(1);
    }

    @Test
    void platformTokensStillVerifyLocallyInKeycloakMode() {
        String token = platform.issue(Principals.user("org_2", "usr_2", Role.ADMIN));

        AuthOutcome outcome = authenticator(REALM).authenticate(bearer(token)).block();

        assertThat(outcome).isInstanceOfSatisfying(AuthOutcome.Authenticated.class, a -> {
            assertThat(a.exchangedToken()).isNull();
            assertThat(a.principal().orgId()).isEqualTo("org_2");
        });
        assertThat(identity.calls).hasValue(0);
    }

    private Authenticator authenticator(String keycloakIssuer) {
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("stoa.gateway", GatewayProperties.class);
        return new Authenticator(
                properties.auth(),
                new PlatformTokenVerifier(URI.create(jwks.jwksUri()), "stoa", Duration.ofSeconds(5)),
                new CredentialExchanger(identity, Duration.ofSeconds(30), 100, Duration.ofSeconds(5)),
                new RevocationRegistry(),
                ExchangeGuard.NONE,
                keycloakIssuer);
    }

    private static MockServerHttpRequest bearer(String token) {
        return MockServerHttpRequest.get("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
    }

    private static void assertRejected(AuthOutcome outcome, String code) {
        assertThat(outcome).isInstanceOfSatisfying(AuthOutcome.Rejected.class, r -> assertThat(
                        r.error().code())
                .isEqualTo(code));
    }

    /** identity as far as Keycloak tokens go: it knows some tokens' users; others are no members. */
    private static final class KeycloakIdentity implements IdentityClient {
        final Map<String, String> members = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Mono<PlatformToken> exchangeApiKey(String apiKey) {
            return Mono.error(new AssertionError("not an API key test"));
        }

        @Override
        public Mono<PlatformToken> exchangeSdkSecret(String sdkSecret) {
            return Mono.error(new AssertionError("not an SDK test"));
        }

        @Override
        public Mono<PlatformToken> exchangeKeycloakToken(String keycloakToken) {
            return Mono.defer(() -> {
                calls.incrementAndGet();
                String userId = members.get(keycloakToken);
                if (userId == null) {
                    return Mono.error(new UnauthenticatedException("unknown_user", "no member"));
                }
                return Mono.just(PlatformToken.newBuilder()
                        .setAccessToken("platform-token-for-" + userId)
                        .setExpiresAt(Timestamp.newBuilder()
                                .setSeconds(Instant.now().plusSeconds(300).getEpochSecond()))
                        .setOrgId("org_1")
                        .setSubject(userId)
                        .setTokenType("user")
                        .setRole("member")
                        .setSessionId("kc_session")
                        .build());
            });
        }
    }
}
