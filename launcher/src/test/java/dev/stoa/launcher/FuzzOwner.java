package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real owner of a real org, with one of each resource the API's paths name (agent, prompt block, version,
 * provider, catalog model, tier, API key, SDK connection, member), so the fuzzer's requests carry ids that exist and
 * reach the handlers rather than stopping at a 404. Fixtures are keyed by the contract's parameter names.
 */
final class FuzzOwner {
    /** The set-up's own client address, so registering owners spends no other test's anonymous budget. */
    private static final Map<String, String> SETUP = Map.of("X-Forwarded-For", "198.51.100.251");

    private final String email;
    private final Map<String, String> fixtures;
    private volatile String token;

    private FuzzOwner(String email, String token, Map<String, String> fixtures) {
        this.email = email;
        this.token = token;
        this.fixtures = fixtures;
    }

    static FuzzOwner create(TestHttp http, String providerBaseUrl, EmbeddedMailbox mailbox) {
        String email = "fuzz-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        TestHttp.Response registered = http.send(
                "POST",
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", SharedPlatform.PASSWORD, "name", "Fuzz"),
                SETUP);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String token = registered.json().path("access_token").asString();
        // a verified owner: an unverified one may not invite (the members fixture below)
        TestHttp.Response verified = http.send(
                "POST", "/api/v1/auth/verify-email", null, Map.of("token", mailbox.awaitToken(email, 1)), SETUP);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        Map<String, String> fixtures = new LinkedHashMap<>();
        String provider = created(http.post(
                "/api/v1/providers",
                token,
                Map.of(
                        "name", "fuzz",
                        "kind", "openai_compatible",
                        "base_url", providerBaseUrl + "/v1",
                        "api_key", "sk-fuzz")));
        fixtures.put("provider_id", provider);
        fixtures.put("model", "gpt-4o-mini");
        String agent = created(http.post(
                "/api/v1/agents",
                token,
                Map.of(
                        "name", "fuzz",
                        "model", Map.of("provider_id", provider, "model", "gpt-4o-mini"),
                        "prompt_blocks", List.of(Map.of("name", "persona", "content", "You help {{customer}}.")))));
        fixtures.put("agent_id", agent);
        fixtures.put("version_number", "1");
        fixtures.put(
                "block_id",
                http.get("/api/v1/agents/" + agent + "/prompt", token)
                        .json()
                        .path("blocks")
                        .path(0)
                        .path("id")
                        .asString());
        fixtures.put(
                "tier_id",
                created(http.post(
                        "/api/v1/tiers",
                        token,
                        Map.of("name", "fuzz", "targets", List.of(Map.of("provider_id", provider, "model", "m"))))));
        fixtures.put(
                "model_id",
                created(http.post(
                        "/api/v1/providers/catalog",
                        token,
                        Map.of(
                                "provider_kind", "openai_compatible",
                                "model", "fuzz-model",
                                "context_window", 8192,
                                "input_price_per_mtok_usd", 1,
                                "output_price_per_mtok_usd", 2))));
        fixtures.put(
                "key_id",
                created(http.post(
                        "/api/v1/org/api-keys", token, Map.of("name", "fuzz", "scopes", List.of("org:read")))));
        fixtures.put("connection_id", created(http.post("/api/v1/org/sdk-connections", token, Map.of("name", "fuzz"))));
        fixtures.put(
                "member_id",
                created(http.post(
                        "/api/v1/org/members",
                        token,
                        Map.of("email", "fuzz-member-" + UUID.randomUUID() + "@example.com", "role", "member"))));
        return new FuzzOwner(email, token, Map.copyOf(fixtures));
    }

    String token() {
        return token;
    }

    Map<String, String> fixtures() {
        return fixtures;
    }

    /** A new session after a fuzzed request ended the last one (logout, a revoked credential). */
    void logInAgain(TestHttp http) {
        TestHttp.Response login = http.send(
                "POST", "/api/v1/auth/login", null, Map.of("email", email, "password", SharedPlatform.PASSWORD), SETUP);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        token = login.json().path("access_token").asString();
    }

    private static String created(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.id();
    }
}
