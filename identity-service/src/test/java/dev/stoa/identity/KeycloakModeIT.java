package dev.stoa.identity;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.identity.Api.Session;
import dev.stoa.identity.config.IdentityProperties;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.UserRepository;
import dev.stoa.identity.keycloak.KeycloakClient;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenRequest;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.PlatformToken;
import dev.stoa.test.StoaKeycloak;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.StoaServiceTest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * identity in Keycloak mode against a real Keycloak ({@link StoaKeycloak}) with the realm of
 * {@code deploy/keycloak/stoa-realm.json}: users and passwords live in the realm, sessions and platform tokens in
 * identity, and Keycloak-issued tokens are exchanged over gRPC.
 */
@StoaServiceTest(
        service = "identity",
        database = "identity_keycloak",
        classes = IdentityApplication.class,
        trustsTestIssuer = false,
        properties = {
            "stoa.identity.service-clients.gateway=" + Api.SERVICE_SECRET,
            "stoa.identity.mode=keycloak",
            // these tests read no mail: the file mailbox keeps them from needing an SMTP server
            "stoa.identity.mail.delivery=file",
            "stoa.identity.mail.directory=target/keycloak-mail",
            "stoa.identity.keycloak.client-secret=" + StoaKeycloak.CLIENT_SECRET,
            "stoa.identity.keycloak.clock-skew=0s",
            "stoa.identity.keycloak.accepted-clients=stoa-platform,stoa-web," + KeycloakModeIT.SHORT_LIVED_CLIENT
        })
class KeycloakModeIT {
    static final String SHORT_LIVED_CLIENT = "stoa-short-lived";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = TestHttp.CLIENT;
    private final Api api;
    private final ManagedChannel channel;

    @Autowired
    KeycloakClient keycloak;

    @Autowired
    UserRepository users;

    KeycloakModeIT(Api api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add(
                "stoa.identity.keycloak.base-url", () -> StoaKeycloak.instance().baseUrl());
    }

    @Test
    void registerLoginMeRefreshLogoutDelegatePasswordsToKeycloak() throws Exception {
        Session registered = api.registerFresh();

        // the password lives in Keycloak only; identity links the user by its Keycloak id
        User user = users.findByEmail(registered.email()).orElseThrow();
        assertThat(user.passwordHash()).isNull();
        JsonNode kcUser = adminGet("/users/" + user.externalId());
        assertThat(kcUser.path("email").asString()).isEqualTo(registered.email());
        assertThat(kcUser.path("attributes").path("org_id").path(0).asString()).isEqualTo(registered.orgId());
        assertThat(api.post(
                                "/api/v1/auth/register",
                                null,
                                Map.of("email", registered.email(), "password", Api.PASSWORD, "name", "Again"))
                        .code())
                .isEqualTo("email_taken");

        Response wrong =
                api.post("/api/v1/auth/login", null, Map.of("email", registered.email(), "password", "Wrong-Horse-42"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
        Response login =
                api.post("/api/v1/auth/login", null, Map.of("email", registered.email(), "password", Api.PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Session session = Session.of(registered.email(), login.json());
        assertThat(session.userId()).isEqualTo(registered.userId());
        assertThat(session.orgId()).isEqualTo(registered.orgId());
        assertThat(session.accessToken()).isNotBlank();
        assertThat(session.refreshToken()).startsWith("stoa_rt_");

        Response me = api.get("/api/v1/auth/me", session.accessToken());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asString()).isEqualTo(registered.email());
        assertThat(me.json().path("role").asString()).isEqualTo("owner");
        assertThat(me.body()).doesNotContain("password");

        Response refreshed = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access = refreshed.json().path("access_token").asString();
        assertThat(keycloak.sessionCount(user.externalId())).isPositive();

        assertThat(api.post("/api/v1/auth/logout", access, null).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/auth/me", access).status()).isEqualTo(401);
        assertThat(api.post(
                                "/api/v1/auth/refresh",
                                null,
                                Map.of(
                                        "refresh_token",
                                        refreshed.json().path("refresh_token").asString()))
                        .status())
                .isEqualTo(401);
        assertThat(keycloak.sessionCount(user.externalId())).isZero();
    }

    @Test
    void userDisabledInKeycloakCanNoLongerRefreshOrLogIn() {
        Session session = api.registerFresh();
        User user = users.findByEmail(session.email()).orElseThrow();

        keycloak.setEnabled(user.externalId(), false);

        Response refresh = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.refreshToken()));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.code()).isEqualTo("invalid_refresh_token");
        assertThat(api.get("/api/v1/auth/me", session.accessToken()).status())
                .as("the session was revoked")
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", session.email(), "password", Api.PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void keycloakTokenIsExchangedForAPlatformUserTokenOfTheMembersOrg() throws Exception {
        Session session = api.registerFresh();
        String keycloakToken = passwordGrant("stoa-platform", session.email(), Api.PASSWORD);

        PlatformToken token = exchange(keycloakToken);

        assertThat(token.getTokenType()).isEqualTo("user");
        assertThat(token.getOrgId()).isEqualTo(session.orgId());
        assertThat(token.getSubject()).isEqualTo(session.userId());
        assertThat(token.getRole()).isEqualTo("owner");
        assertThat(token.getSessionId()).startsWith("kc_");
        assertThat(token.getExpiresAt().getSeconds())
                .isLessThanOrEqualTo(claims(keycloakToken).path("exp").asLong());
        Response me = api.get("/api/v1/auth/me", token.getAccessToken());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("user").path("id").asString()).isEqualTo(session.userId());
    }

    @Test
    void tokensFromAnotherIssuerTamperedOrExpiredAreRefused() throws Exception {
        Session session = api.registerFresh();
        String valid = passwordGrant("stoa-platform", session.email(), Api.PASSWORD);

        // another realm of the same Keycloak
        String master = adminToken();
        assertRefused(master, "invalid_token");

        // payload changed (another user's id), signature kept
        String[] parts = valid.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(
                        users.findByEmail(session.email()).orElseThrow().externalId(),
                        UUID.randomUUID().toString());
        assertRefused(
                parts[0] + "."
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                        + "." + parts[2],
                "invalid_token");

        // a client whose tokens live four seconds (one second was too short to exchange in on a loaded machine)
        ensureShortLivedClient();
        String shortLived = passwordGrant(SHORT_LIVED_CLIENT, session.email(), Api.PASSWORD);
        assertThat(exchange(shortLived).getOrgId()).isEqualTo(session.orgId());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertRefused(shortLived, "invalid_token"));
    }

    @Test
    void validTokenOfAUserWithoutMembershipIsUnknownUser() throws Exception {
        String email = "kc-only-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        keycloak.createUser(email, "Kc", "Only", Api.PASSWORD, Map.of());

        assertRefused(passwordGrant("stoa-platform", email, Api.PASSWORD), "unknown_user");
    }

    @Test
    void startRefusesAMissingRealmOrAClientWithoutAccess() {
        IdentityProperties.Keycloak good = new IdentityProperties.Keycloak(
                StoaKeycloak.instance().baseUrl(),
                "stoa",
                "stoa-platform",
                StoaKeycloak.CLIENT_SECRET,
                "",
                List.of("stoa-platform"),
                Duration.ofSeconds(5),
                Duration.ZERO);
        new KeycloakClient(good, Clock.systemUTC()).checkRealm();

        assertThatThrownBy(() -> new KeycloakClient(withRealm(good, "no-such-realm"), Clock.systemUTC()).checkRealm())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("realm 'no-such-realm'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new KeycloakClient(withSecret(good, "wrong-secret"), Clock.systemUTC()).checkRealm())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot obtain a service-account token")
                .hasMessageNotContaining("wrong-secret");
    }

    private static IdentityProperties.Keycloak withRealm(IdentityProperties.Keycloak k, String realm) {
        return new IdentityProperties.Keycloak(
                k.baseUrl(),
                realm,
                k.clientId(),
                k.clientSecret(),
                "",
                k.acceptedClients(),
                k.timeout(),
                k.clockSkew());
    }

    private static IdentityProperties.Keycloak withSecret(IdentityProperties.Keycloak k, String secret) {
        return new IdentityProperties.Keycloak(
                k.baseUrl(), k.realm(), k.clientId(), secret, "", k.acceptedClients(), k.timeout(), k.clockSkew());
    }

    private PlatformToken exchange(String keycloakToken) {
        return asService()
                .exchangeKeycloakToken(ExchangeKeycloakTokenRequest.newBuilder()
                        .setKeycloakToken(keycloakToken)
                        .build())
                .getToken();
    }

    private void assertRefused(String keycloakToken, String code) {
        assertThatThrownBy(() -> exchange(keycloakToken)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo(code);
        });
    }

    IdentityServiceBlockingStub asService() {
        String token = IdentityServiceGrpc.newBlockingStub(channel)
                .issueServiceToken(IssueServiceTokenRequest.newBuilder()
                        .setClientId("gateway")
                        .setClientSecret(Api.SERVICE_SECRET)
                        .build())
                .getToken()
                .getAccessToken();
        return IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token));
    }

    // --- Keycloak's own REST API, as a client application or the bootstrap admin would use it ---

    private static String passwordGrant(String clientId, String username, String password) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", StoaKeycloak.CLIENT_SECRET);
        form.put("username", username);
        form.put("password", password);
        HttpResponse<String> response =
                post(StoaKeycloak.instance().realmUrl() + "/protocol/openid-connect/token", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> response = post(
                StoaKeycloak.instance().baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        StoaKeycloak.ADMIN,
                        "password",
                        StoaKeycloak.ADMIN_PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static JsonNode adminGet(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(StoaKeycloak.instance().baseUrl() + "/admin/realms/stoa" + path))
                        .timeout(TestHttp.REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + adminToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static synchronized void ensureShortLivedClient() throws Exception {
        Map<String, Object> client = Map.of(
                "clientId",
                SHORT_LIVED_CLIENT,
                "publicClient",
                false,
                "secret",
                StoaKeycloak.CLIENT_SECRET,
                "directAccessGrantsEnabled",
                true,
                "standardFlowEnabled",
                false,
                "attributes",
                Map.of("access.token.lifespan", "4"));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(StoaKeycloak.instance().baseUrl() + "/admin/realms/stoa/clients"))
                        .timeout(TestHttp.REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(TestHttp.REQUEST_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
