package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Role;
import dev.stoa.test.Principals;
import dev.stoa.test.StoaKeycloak;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.TestJwtIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Keycloak mode end to end: a real Keycloak (the distribution from Maven Central), identity-service in Keycloak mode
 * and the gateway accepting tokens of that realm. Users register and log in through the gateway; a token Keycloak
 * issued works at the gateway and maps to the platform user and org; tokens of another issuer are refused.
 */
@Order(2) // a platform of its own: before the shared one starts (junit-platform.properties)
class KeycloakEndToEndIT {
    static EmbeddedPlatform platform;
    static TestHttp http;
    static StoaKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        keycloak = StoaKeycloak.instance();
        LaunchConfig config = SharedPlatform.ownPlatform(
                "e2e-keycloak-home",
                Map.of(
                        "identity-service",
                        Map.of(
                                "stoa.identity.mode",
                                "keycloak",
                                "stoa.identity.keycloak.base-url",
                                keycloak.baseUrl(),
                                "stoa.identity.keycloak.client-secret",
                                StoaKeycloak.CLIENT_SECRET),
                        "gateway",
                        Map.of("stoa.gateway.keycloak.issuer", keycloak.realmUrl())));
        platform = EmbeddedPlatform.start(config);
        http = SharedPlatform.validating(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void keycloakIssuedTokenIsAcceptedAtTheGatewayAsThePlatformUser() throws Exception {
        String email = "kc-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        Response registered = http.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", SharedPlatform.PASSWORD, "name", "Kay", "org_name", "Realm Org"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String orgId = registered.json().path("org").path("id").asString();

        Response login =
                http.post("/api/v1/auth/login", null, Map.of("email", email, "password", SharedPlatform.PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(http.get("/api/v1/auth/me", login.json().path("access_token").asString())
                        .status())
                .isEqualTo(200);

        String keycloakToken = passwordGrant(email, SharedPlatform.PASSWORD);
        Response me = http.get("/api/v1/auth/me", keycloakToken);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asString()).isEqualTo(email);
        assertThat(me.json().path("org").path("id").asString()).isEqualTo(orgId);
        assertThat(me.json().path("role").asString()).isEqualTo("owner");
        assertThat(http.get("/api/v1/org", keycloakToken).json().path("name").asString())
                .isEqualTo("Realm Org");
    }

    @Test
    void tokensOfAnotherIssuerAreRefused() {
        TestJwtIssuer stranger = new TestJwtIssuer("http://127.0.0.1:1/realms/stoa");
        String foreign = stranger.issue(Principals.user("org_x", "usr_x", Role.OWNER));

        Response response = http.get("/api/v1/auth/me", foreign);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void wrongPasswordIsRefusedByKeycloak() {
        String email = "kc-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        http.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", SharedPlatform.PASSWORD, "name", "K"));

        Response login = http.post("/api/v1/auth/login", null, Map.of("email", email, "password", "Wrong-Horse-99"));

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.code()).isEqualTo("invalid_credentials");
    }

    static String passwordGrant(String email, String password) throws Exception {
        Map<String, String> form = Map.of(
                "grant_type",
                "password",
                "client_id",
                "stoa-platform",
                "client_secret",
                StoaKeycloak.CLIENT_SECRET,
                "username",
                email,
                "password",
                password,
                "scope",
                "openid");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = TestHttp.CLIENT.send(
                HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token"))
                        .timeout(TestHttp.REQUEST_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.JSON.readTree(response.body()).path("access_token").asString();
    }
}
