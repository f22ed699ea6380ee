package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AgentServiceTest
class ProvidersIT {
    private final AgentApi api;

    ProvidersIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void keysAreSealedAndOnlyTheirLastFourAreShown() throws Exception {
        TestOrg org = TestOrg.create();

        Response created = api.post(
                "/api/v1/providers",
                org.admin(),
                Map.of("name", "openai-prod", "kind", "openai", "api_key", AgentApi.PROVIDER_KEY));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.id();
        assertThat(id).startsWith("prv_");
        assertThat(created.json().path("api_key_preview").asString()).isEqualTo("…WXYZ");
        assertThat(created.json().path("base_url").asString()).isEqualTo("https://api.openai.com/v1");
        assertThat(created.body()).doesNotContain(AgentApi.PROVIDER_KEY);
        Response list = api.get("/api/v1/providers", org.viewer());
        assertThat(list.json().path("data")).hasSize(1);
        assertThat(list.body()).doesNotContain(AgentApi.PROVIDER_KEY).doesNotContain("\"api_key\"");
        assertThat(api.get("/api/v1/providers/" + id, org.viewer()).body()).doesNotContain(AgentApi.PROVIDER_KEY);
        try (Connection db = StoaPostgres.database("agent").connectAsOwner()) {
            AgentsIT.asOrg(db, org.id());
            try (PreparedStatement query = db.prepareStatement("select api_key_sealed from providers where id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).startsWith("v1:").doesNotContain(AgentApi.PROVIDER_KEY);
                }
            }
        }
        assertThat(api.post(
                                "/api/v1/providers",
                                org.admin(),
                                Map.of("name", "openai-prod", "kind", "openai", "api_key", "sk-other-000000000"))
                        .code())
                .isEqualTo("provider_name_taken");
    }

    @Test
    void onlyAdminsRegisterTestOrRemoveProviders() {
        TestOrg org = TestOrg.create();
        String id = api.fakeProvider(org);
        Map<String, Object> body = Map.of("name", "x", "kind", "openai", "api_key", AgentApi.PROVIDER_KEY);

        Response register = api.post("/api/v1/providers", org.member(), body);
        Response test = api.post("/api/v1/providers/" + id + "/test", org.member(), null);
        Response remove = api.delete("/api/v1/providers/" + id, org.member());
        Response withoutScope = api.get("/api/v1/providers", org.apiKey("agents:read"));

        for (Response refused : List.of(register, test, remove)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("insufficient_role");
        }
        assertThat(withoutScope.status()).isEqualTo(403);
        assertThat(withoutScope.code()).isEqualTo("insufficient_scope");
        assertThat(api.fake().requestCount())
                .as("no probe reached the provider")
                .isZero();
        // Still exactly the admin's provider: nothing registered, nothing removed.
        JsonNode listed = api.get("/api/v1/providers", org.apiKey("providers:read"))
                .json()
                .path("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/providers/" + id, org.viewer()).status()).isEqualTo(200);
    }

    @Test
    void testProbesTheProviderAndFailsLoudly() {
        TestOrg org = TestOrg.create();
        String good = api.fakeProvider(org);
        String anthropic = api.provider(org, "anthropic", api.fake().baseUrl(), AgentApi.PROVIDER_KEY);
        String badKey = api.provider(org, "openai_compatible", api.fake().baseUrl() + "/v1", "sk-wrong-key-000000000");
        String nobodyHome = api.provider(org, "openai_compatible", "http://127.0.0.1:9/v1", AgentApi.PROVIDER_KEY);

        Response ok = api.post("/api/v1/providers/" + good + "/test", org.admin(), null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("ok").asBoolean()).isTrue();
        Response anthropicOk = api.post("/api/v1/providers/" + anthropic + "/test", org.admin(), null);
        assertThat(anthropicOk.status()).as(anthropicOk.body()).isEqualTo(200);
        assertThat(anthropicOk.json().path("ok").asBoolean()).isTrue();

        Response rejected = api.post("/api/v1/providers/" + badKey + "/test", org.admin(), null);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(rejected.code()).isEqualTo("provider_auth_failed");
        assertThat(rejected.body()).doesNotContain("sk-wrong-key");

        Response unreachable = api.post("/api/v1/providers/" + nobodyHome + "/test", org.admin(), null);
        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(422);
        assertThat(unreachable.code()).isEqualTo("provider_unreachable");
    }

    @Test
    void baseUrlsToMetadataServicesAreRefusedEvenWithPrivateNetworksAllowed() {
        TestOrg org = TestOrg.create();
        for (String url : List.of(
                "http://169.254.169.254/latest", "http://metadata.google.internal/v1", "ftp://example.com/v1")) {
            Response refused = api.post(
                    "/api/v1/providers",
                    org.admin(),
                    Map.of("name", "evil", "kind", "openai_compatible", "base_url", url, "api_key", "k"));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("base_url");
        }
        Response noUrl =
                api.post("/api/v1/providers", org.admin(), Map.of("name", "local", "kind", "openai_compatible"));
        assertThat(noUrl.field()).isEqualTo("base_url");
        Response noKey = api.post("/api/v1/providers", org.admin(), Map.of("name", "oai", "kind", "openai"));
        assertThat(noKey.field()).isEqualTo("api_key");
        Response badKind =
                api.post("/api/v1/providers", org.admin(), Map.of("name", "g", "kind", "gemini", "api_key", "k"));
        assertThat(badKind.field()).isEqualTo("kind");
        assertThat(api.get("/api/v1/providers", org.viewer()).json().path("data"))
                .isEmpty();
    }

    @Test
    void catalogMergesBuiltInModelsWithTheOrgsOwn() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();

        JsonNode builtIn =
                api.get("/api/v1/providers/catalog", org.viewer()).json().path("data");
        JsonNode mini = find(builtIn, "openai", "gpt-4o-mini");
        assertThat(mini.path("source").asString()).isEqualTo("builtin");
        assertThat(mini.path("context_window").asInt()).isEqualTo(128_000);
        assertThat(mini.path("input_price_per_mtok_usd").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(find(builtIn, "anthropic", "claude-sonnet-4-20250514")
                        .path("supports_tools")
                        .asBoolean())
                .isTrue();

        Response custom = api.post(
                "/api/v1/providers/catalog",
                org.admin(),
                Map.of(
                        "provider_kind",
                        "openai_compatible",
                        "model",
                        "llama3.1:8b",
                        "context_window",
                        8192,
                        "input_price_per_mtok_usd",
                        0,
                        "output_price_per_mtok_usd",
                        0,
                        "supports_tools",
                        false));
        assertThat(custom.status()).as(custom.body()).isEqualTo(201);
        assertThat(custom.id()).startsWith("mdl_");
        Response override = api.post(
                "/api/v1/providers/catalog",
                org.admin(),
                Map.of(
                        "provider_kind",
                        "openai",
                        "model",
                        "gpt-4o-mini",
                        "context_window",
                        128000,
                        "input_price_per_mtok_usd",
                        0.1,
                        "output_price_per_mtok_usd",
                        0.5));
        assertThat(override.status()).isEqualTo(201);

        JsonNode merged =
                api.get("/api/v1/providers/catalog", org.viewer()).json().path("data");
        assertThat(find(merged, "openai_compatible", "llama3.1:8b")
                        .path("supports_tools")
                        .asBoolean())
                .isFalse();
        assertThat(find(merged, "openai", "gpt-4o-mini").path("source").asString())
                .isEqualTo("custom");
        assertThat(merged).hasSize(builtIn.size() + 1);
        JsonNode onlyCompatible = api.get("/api/v1/providers/catalog?provider_kind=openai_compatible", org.viewer())
                .json()
                .path("data");
        assertThat(onlyCompatible).hasSize(1);
        assertThat(api.get("/api/v1/providers/catalog", other.viewer()).json().path("data"))
                .hasSize(builtIn.size());

        assertThat(api.post(
                                "/api/v1/providers/catalog",
                                org.admin(),
                                Map.of(
                                        "provider_kind", "openai_compatible",
                                        "model", "llama3.1:8b",
                                        "context_window", 1,
                                        "input_price_per_mtok_usd", 0,
                                        "output_price_per_mtok_usd", 0))
                        .code())
                .isEqualTo("model_exists");
        assertThat(api.post("/api/v1/providers/catalog", org.member(), Map.of()).status())
                .isEqualTo(400);
        Response foreign = api.delete("/api/v1/providers/catalog/" + custom.id(), other.admin());
        Response builtInEntry =
                api.delete("/api/v1/providers/catalog/" + mini.path("id").asString(), org.admin());
        Response byMember = api.delete("/api/v1/providers/catalog/" + custom.id(), org.member());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("not_found");
        assertThat(builtInEntry.status()).isEqualTo(404);
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.code()).isEqualTo("insufficient_role");
        assertThat(api.get("/api/v1/providers/catalog", org.viewer()).json().path("data"))
                .as("nothing was removed")
                .hasSize(builtIn.size() + 1);

        assertThat(api.delete("/api/v1/providers/catalog/" + custom.id(), org.admin())
                        .status())
                .isEqualTo(204);
        JsonNode after =
                api.get("/api/v1/providers/catalog", org.viewer()).json().path("data");
        assertThat(after.valueStream().noneMatch(e -> e.path("model").asString().equals("llama3.1:8b")))
                .isTrue();
        assertThat(find(after, "openai", "gpt-4o-mini").path("source").asString())
                .isEqualTo("custom");
    }

    @Test
    void anotherOrgsProvidersAnswer404() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String id = api.fakeProvider(org);

        for (Response foreign : List.of(
                api.get("/api/v1/providers/" + id, other.admin()),
                api.post("/api/v1/providers/" + id + "/test", other.admin(), null),
                api.delete("/api/v1/providers/" + id, other.admin()))) {
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.code()).isEqualTo("not_found");
        }
        assertThat(api.fake().requestCount())
                .as("the foreign test probed nothing")
                .isZero();
        assertThat(api.get("/api/v1/providers", other.admin()).json().path("data"))
                .isEmpty();
        assertThat(api.get("/api/v1/providers/prv_unknown", org.admin()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/providers/" + id, org.viewer()).status()).isEqualTo(200);
    }

    private static JsonNode find(JsonNode catalog, String kind, String model) {
        for (JsonNode entry : catalog) {
            if (entry.path("provider_kind").asString().equals(kind)
                    && entry.path("model").asString().equals(model)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + "/" + model + " in " + catalog);
    }
}
