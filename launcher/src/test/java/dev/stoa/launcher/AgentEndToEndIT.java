package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agents through the gateway: a BYOK provider (the fake provider over real HTTP), an agent on it, its prompt. */
class AgentEndToEndIT {
    static TestHttp http;
    static FakeProvider provider;

    @BeforeAll
    static void start() throws Exception {
        http = SharedPlatform.http();
        provider = FakeProvider.start();
        provider.requireApiKey("sk-local-test");
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void readmeSessionProviderAgentAndPromptPreview() {
        String owner = SharedPlatform.registerOwner(http);

        Response registered = http.post(
                "/api/v1/providers",
                owner,
                Map.of(
                        "name",
                        "local",
                        "kind",
                        "openai_compatible",
                        "base_url",
                        provider.baseUrl() + "/v1",
                        "api_key",
                        "sk-local-test"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).doesNotContain("sk-local-test");
        String providerId = registered.json().path("id").asString();

        Response probe = http.post("/api/v1/providers/" + providerId + "/test", owner, null);
        assertThat(probe.status()).as(probe.body()).isEqualTo(200);

        Response agent = http.post(
                "/api/v1/agents",
                owner,
                Map.of(
                        "name", "Support",
                        "model", Map.of("provider_id", providerId, "model", "gpt-4o-mini"),
                        "prompt_blocks",
                                List.of(Map.of(
                                        "name", "persona", "content", "You help {{customer}} with {{product}}."))));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        String agentId = agent.json().path("id").asString();

        String context = URLEncoder.encode("{\"customer\":\"Ada\"}", StandardCharsets.UTF_8);
        Response preview = http.get("/api/v1/agents/" + agentId + "/prompt/preview?context=" + context, owner);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("prompt").asString()).contains("You help Ada with");
        assertThat(preview.json().path("missing_variables").toString()).contains("product");

        assertThat(http.get("/api/v1/agents", owner).body()).contains(agentId);
        assertThat(http.get("/api/v1/agents/" + agentId + "/versions", owner).status())
                .isEqualTo(200);
    }

    @Test
    void providerWithAWrongKeyFailsItsTestLoudly() {
        String owner = SharedPlatform.registerOwner(http);
        String providerId = http.post(
                        "/api/v1/providers",
                        owner,
                        Map.of(
                                "name",
                                "bad",
                                "kind",
                                "openai_compatible",
                                "base_url",
                                provider.baseUrl() + "/v1",
                                "api_key",
                                "sk-wrong"))
                .json()
                .path("id")
                .asString();

        Response probe = http.post("/api/v1/providers/" + providerId + "/test", owner, null);

        assertThat(probe.status()).isEqualTo(422);
        assertThat(probe.code()).isEqualTo("provider_auth_failed");
        assertThat(probe.body()).doesNotContain("sk-wrong");
    }

    @Test
    void agentScopesAreEnforcedAtTheGatewayAndOrgsStayApart() {
        String owner = SharedPlatform.registerOwner(http);
        String other = SharedPlatform.registerOwner(http);
        String agentId = http.post("/api/v1/agents", owner, Map.of("name", "Mine-" + UUID.randomUUID()))
                .json()
                .path("id")
                .asString();
        String readKey = http.post(
                        "/api/v1/org/api-keys", owner, Map.of("name", "ro", "scopes", List.of("agents:read")))
                .json()
                .path("key")
                .asString();

        assertThat(http.get("/api/v1/agents/" + agentId, readKey).status()).isEqualTo(200);
        Response write = http.post("/api/v1/agents", readKey, Map.of("name", "Nope"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("insufficient_scope");
        assertThat(http.get("/api/v1/agents/" + agentId, other).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/agents/" + agentId, other, Map.of("name", "Stolen"))
                        .status())
                .isEqualTo(404);
    }
}
