package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default end to end: the real gateway in front of the real identity-service (each its own JVM from
 * its executable jar), with PostgreSQL and Kafka. Only HTTP through the gateway, as a client would.
 */
class GatewayEndToEndIT {
    static final String PASSWORD = "Correct-Horse-42";
    static EmbeddedPlatform platform;
    static TestHttp http;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = SharedPlatform.get();
        http = SharedPlatform.http();
    }

    @Test
    void readmeSessionRegisterLoginMeCreateKeyAndCallMeWithIt() {
        String email = email();
        Response registered = http.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", PASSWORD, "name", "Ada", "org_name", "Analytical"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        Response login = http.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("user").path("email").asString()).isEqualTo(email);
        assertThat(login.json().path("org").path("id"))
                .isEqualTo(registered.json().path("org").path("id"));
        String token = login.json().path("access_token").asString();

        Response me = http.get("/api/v1/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asString()).isEqualTo(email);
        assertThat(me.header("X-Request-Id")).isNotBlank();
        assertThat(me.header("X-RateLimit-Limit")).isNotBlank();
        assertThat(me.header("X-RateLimit-Remaining")).isNotBlank();

        Response key = http.post(
                "/api/v1/org/api-keys", token, Map.of("name", "readme", "scopes", List.of("org:read", "members:read")));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String apiKey = key.json().path("key").asString();
        assertThat(apiKey).startsWith("stoa_sk_");

        Response withBearerKey = http.get("/api/v1/auth/me", apiKey);
        Response withHeaderKey = http.send("GET", "/api/v1/auth/me", null, null, Map.of("x-api-key", apiKey));
        assertThat(withBearerKey.status()).as(withBearerKey.body()).isEqualTo(200);
        assertThat(withBearerKey.json().path("token_type").asString()).isEqualTo("api_key");
        assertThat(withHeaderKey.status()).isEqualTo(200);
        assertThat(withHeaderKey.json().path("api_key_id").asString())
                .isEqualTo(key.json().path("id").asString());
        assertThat(withHeaderKey.json().path("org").path("id"))
                .isEqualTo(me.json().path("org").path("id"));
    }

    @Test
    void apiKeyScopesAreEnforcedAtTheGateway() {
        String owner = registerAndLogin();
        String apiKey = http.post(
                        "/api/v1/org/api-keys", owner, Map.of("name", "narrow", "scopes", List.of("org:read")))
                .json()
                .path("key")
                .asString();

        assertThat(http.get("/api/v1/org", apiKey).status()).isEqualTo(200);
        Response members = http.get("/api/v1/org/members", apiKey);
        assertThat(members.status()).isEqualTo(403);
        assertThat(members.code()).isEqualTo("insufficient_scope");
        Response mint = http.post("/api/v1/org/api-keys", apiKey, Map.of("name", "x", "scopes", List.of("org:read")));
        assertThat(mint.status()).isEqualTo(403);
        assertThat(mint.code()).isEqualTo("insufficient_scope");
        assertThat(http.get("/api/v1/org/api-keys", owner)
                        .json()
                        .path("data")
                        .valueStream()
                        .map(k -> k.path("name").asString()))
                .containsExactly("narrow");
    }

    @Test
    void loggedOutSessionIsRefusedByTheGatewayWithinFiveSeconds() {
        String token = registerAndLogin();
        assertThat(http.get("/api/v1/org", token).status()).isEqualTo(200);

        assertThat(http.post("/api/v1/auth/logout", token, null).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertRevoked(http.get("/api/v1/org", token)));
    }

    @Test
    void revokedApiKeyIsRefusedByTheGatewayWithinFiveSecondsEvenWhenCached() {
        String owner = registerAndLogin();
        Response created = http.post("/api/v1/org/api-keys", owner, Map.of("name", "k", "scopes", List.of("org:read")));
        String apiKey = created.json().path("key").asString();
        assertThat(http.get("/api/v1/org", apiKey).status()).isEqualTo(200); // now cached at the gateway

        assertThat(http.delete(
                                "/api/v1/org/api-keys/"
                                        + created.json().path("id").asString(),
                                owner)
                        .status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertRevoked(http.get("/api/v1/org", apiKey)));
        // The owner's own session is untouched.
        assertThat(http.get("/api/v1/org", owner).status()).isEqualTo(200);
    }

    /** Refused as revoked (not for some other reason), as problem+json. */
    static void assertRevoked(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isIn("invalid_token", "invalid_api_key");
        assertThat(response.json().path("detail").asString()).contains("revoked");
    }

    @Test
    void expiredApiKeyIsRefused() throws Exception {
        String owner = registerAndLogin();
        Response created = http.post(
                "/api/v1/org/api-keys",
                owner,
                Map.of("name", "old", "scopes", List.of("org:read"), "expires_in_days", 30));
        String orgId = http.get("/api/v1/org", owner).json().path("id").asString();
        try (Connection db = platform.database("identity").connectAsOwner()) {
            // RLS is forced, for the owner too: age the key inside its org
            db.createStatement().execute("select set_config('stoa.org_id', '" + orgId + "', false)");
            db.createStatement()
                    .executeUpdate("update api_keys set expires_at = now() - interval '1 second' where id = '"
                            + created.json().path("id").asString() + "'");
        }

        Response response = http.get("/api/v1/org", created.json().path("key").asString());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("invalid_api_key");
    }

    @Test
    void sdkSecretsOnlyOpenTheSdkPathAndUserTokensNeverDo() {
        String owner = registerAndLogin();
        String secret = http.post("/api/v1/org/sdk-connections", owner, Map.of("name", "worker"))
                .json()
                .path("secret")
                .asString();

        for (Response refused : List.of(
                http.get("/api/v1/auth/me", secret),
                http.send("GET", "/api/v1/org", null, null, Map.of("x-api-key", secret)),
                http.get("/ws/sdk", owner))) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("invalid_credential_type");
        }
    }

    @Test
    void anotherOrgsMemberIdAnswers404ThroughTheGateway() {
        String orgA = registerAndLogin();
        String orgB = registerAndLogin();
        String memberOfB = http.get("/api/v1/org/members", orgB)
                .json()
                .path("data")
                .get(0)
                .path("id")
                .asString();

        Response change = http.patch("/api/v1/org/members/" + memberOfB + "/role", orgA, Map.of("role", "viewer"));
        Response remove = http.delete("/api/v1/org/members/" + memberOfB, orgA);
        assertThat(change.status()).isEqualTo(404);
        assertThat(change.code()).isEqualTo("not_found");
        assertThat(remove.status()).isEqualTo(404);
        assertThat(remove.code()).isEqualTo("not_found");
        // B's owner is still B's owner.
        JsonNode membersOfB = http.get("/api/v1/org/members", orgB).json().path("data");
        assertThat(membersOfB).hasSize(1);
        assertThat(membersOfB.get(0).path("role").asString()).isEqualTo("owner");
    }

    @Test
    void badTokensAreRefusedAtTheGatewayWithProblemJson() {
        String token = registerAndLogin();
        String[] parts = token.split("\\.");
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";

        for (String bad : new String[] {unsigned, parts[0] + "." + parts[1] + ".AAAA", "stoa_sk_nope", "garbage"}) {
            Response response = http.get("/api/v1/org", bad);
            assertThat(response.status()).as(bad).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.code()).as(bad).isIn("invalid_token", "invalid_api_key");
        }
        Response anonymous = http.get("/api/v1/org", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void probesAndMetricsAreOnTheManagementPortOnlyAndNeedNoToken() {
        TestHttp management = new TestHttp(platform.gatewayManagementUrl());

        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).body()).contains("http_server_requests");
        assertThat(http.get("/actuator/prometheus", null).status()).isIn(401, 404);
        assertThat(http.get("/actuator/health", null).status()).isIn(401, 404);
    }

    @Test
    void healthAndAggregatedApiDocsAreServed() {
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        // A service slow to render its document (a first request on a busy machine) is listed as unavailable, and the
        // gateway keeps that answer for its 30 s cache: wait for a document with every service in it.
        Response openapi = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> http.get("/openapi.json", null),
                        r -> r.status() == 200 && !r.json().has("x-stoa-unavailable"));
        assertThat(openapi.json().path("paths").has("/api/v1/auth/register")).isTrue();
        assertThat(openapi.json().path("paths").has("/api/v1/org/api-keys")).isTrue();
        assertThat(openapi.json().path("paths").has("/api/v1/agents")).isTrue();
        assertThat(openapi.json().path("paths").has("/api/v1/providers")).isTrue();
        assertThat(http.get("/docs", null).body()).containsIgnoringCase("swagger");
        assertThat(http.get("/redoc", null).body()).containsIgnoringCase("redoc");
    }

    static String registerAndLogin() {
        return SharedPlatform.registerOwner(http);
    }

    static String email() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
