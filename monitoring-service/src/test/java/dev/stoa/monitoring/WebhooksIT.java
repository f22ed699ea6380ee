package dev.stoa.monitoring;

import static dev.stoa.monitoring.ToolCallsIT.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Webhooks through the REST API: the URL policy, bad bodies, another org, roles, and the OpenAPI document. */
@MonitoringServiceTest
class WebhooksIT {
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void refusesUrlsThePolicyForbidsAndBadBodies(TestHttp http) {
        TestOrg org = TestOrg.create();
        String admin = org.admin();
        // cloud metadata is refused whatever the policy; so are other schemes and non-URLs
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "https://metadata.google.internal/",
                "ftp://example.com/hook",
                "not a url",
                "https://user:pw@example.com/hook")) {
            assertField(post(http, admin, Map.of("url", url, "event_types", List.of("turn.completed"))), "url");
        }
        assertField(
                post(http, admin, Map.of("url", receiver.url("/x"), "event_types", List.of("turn.exploded"))),
                "event_types[0]");
        assertField(post(http, admin, Map.of("url", receiver.url("/x"), "event_types", List.of())), "event_types");
        assertField(post(http, admin, Map.of("event_types", List.of("turn.completed"))), "url");
        assertField(
                post(
                        http,
                        admin,
                        Map.of(
                                "url",
                                receiver.url("/x"),
                                "event_types",
                                List.of("turn.completed"),
                                "description",
                                "d".repeat(501))),
                "description");
        TestHttp.Response unknown = post(
                http,
                admin,
                Map.of("url", receiver.url("/x"), "event_types", List.of("turn.completed"), "secret", "mine"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("secret");
        TestHttp.Response malformed = http.send("POST", "/api/v1/webhooks", admin, "{\"url\":", Map.of());
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

        // and a PATCH is held to the same rules
        String id = create(http, admin, receiver.url("/x"), List.of("turn.completed"))
                .path("id")
                .asString();
        assertField(http.patch("/api/v1/webhooks/" + id, admin, Map.of("url", "https://169.254.169.254/")), "url");
        assertField(
                http.patch("/api/v1/webhooks/" + id, admin, Map.of("event_types", List.of("nope"))), "event_types[0]");
        assertThat(http.get("/api/v1/webhooks?cursor=garbage", admin).status()).isEqualTo(400);
    }

    @Test
    void anotherOrgsWebhookIsNotFoundOnEveryEndpoint(TestHttp http) {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String id = create(http, org.admin(), receiver.url("/mine"), List.of("turn.completed"))
                .path("id")
                .asString();
        String path = "/api/v1/webhooks/" + id;
        assertThat(http.get(path, other.admin()).status()).isEqualTo(404);
        assertThat(http.patch(path, other.admin(), Map.of("enabled", false)).status())
                .isEqualTo(404);
        assertThat(http.post(path + "/rotate-secret", other.admin(), null).status())
                .isEqualTo(404);
        assertThat(http.get(path + "/deliveries", other.admin()).status()).isEqualTo(404);
        assertThat(http.delete(path, other.admin()).status()).isEqualTo(404);
        assertThat(Reads.ok(http, "/api/v1/webhooks", other.admin()).path("data"))
                .isEmpty();
        // and the webhook is still there, untouched
        assertThat(Reads.ok(http, path, org.admin()).path("enabled").asBoolean())
                .isTrue();
    }

    @Test
    void adminsWriteMembersReadViewersNeitherAndTheSecretShowsOnlyOnce(TestHttp http) {
        TestOrg org = TestOrg.create();
        Map<String, Object> body = Map.of("url", receiver.url("/roles"), "event_types", List.of("turn.failed"));
        assertThat(post(http, org.member(), body).status()).isEqualTo(403);
        assertThat(post(http, org.viewer(), body).status()).isEqualTo(403);
        assertThat(post(http, org.apiKey("webhooks:read"), body).status()).isEqualTo(403);
        TestHttp.Response created = post(http, org.apiKey("webhooks:write", "webhooks:read"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String secret = created.json().path("secret").asString();

        // members read, without the secret; viewers do not read
        TestHttp.Response list = http.get("/api/v1/webhooks", org.member());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("secret");
        TestHttp.Response one = http.get("/api/v1/webhooks/" + id, org.member());
        assertThat(one.body()).doesNotContain(secret).doesNotContain("secret");
        assertThat(http.get("/api/v1/webhooks", org.viewer()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/webhooks/" + id + "/deliveries", org.viewer())
                        .status())
                .isEqualTo(403);
        assertThat(http.patch("/api/v1/webhooks/" + id, org.member(), Map.of("enabled", false))
                        .status())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/webhooks/" + id + "/rotate-secret", org.member(), null)
                        .status())
                .isEqualTo(403);
        assertThat(http.delete("/api/v1/webhooks/" + id, org.member()).status()).isEqualTo(403);

        // rotation shows a new secret once
        TestHttp.Response rotated = http.post("/api/v1/webhooks/" + id + "/rotate-secret", org.admin(), null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String next = rotated.json().path("secret").asString();
        assertThat(next).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(http.get("/api/v1/webhooks/" + id, org.admin()).body()).doesNotContain(next);

        // an admin changes and deletes it
        TestHttp.Response patched = http.patch(
                "/api/v1/webhooks/" + id,
                org.admin(),
                Map.of("description", "ops", "event_types", List.of("turn.failed", "turn.completed")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("description").asString()).isEqualTo("ops");
        assertThat(patched.json().path("event_types").toString()).isEqualTo("[\"turn.completed\",\"turn.failed\"]");
        assertThat(http.delete("/api/v1/webhooks/" + id, org.owner()).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/webhooks/" + id, org.admin()).status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesTheWebhookEndpoints(TestHttp http) {
        JsonNode doc = Reads.ok(http, "/v3/api-docs", null);
        JsonNode paths = doc.path("paths");
        assertThat(paths.path("/api/v1/webhooks")
                        .path("post")
                        .path("operationId")
                        .asString())
                .isEqualTo("createWebhook");
        assertThat(paths.path("/api/v1/webhooks/{webhook_id}").has("patch")).isTrue();
        assertThat(paths.path("/api/v1/webhooks/{webhook_id}/rotate-secret").has("post"))
                .isTrue();
        assertThat(paths.path("/api/v1/webhooks/{webhook_id}/deliveries").has("get"))
                .isTrue();
        String json = doc.toString();
        assertThat(json).contains("\"event_types\"", "\"approval.requested\"", "\"disabled_reason\"");
        assertThat(json).doesNotContain("\"eventTypes\"", "\"disabledReason\"");
    }

    private static TestHttp.Response post(TestHttp http, String token, Map<String, Object> body) {
        return http.post("/api/v1/webhooks", token, body);
    }

    static JsonNode create(TestHttp http, String token, String url, List<String> eventTypes) {
        TestHttp.Response response = post(http, token, Map.of("url", url, "event_types", eventTypes));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
