package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.FakeProviderExtension;
import dev.stoa.test.service.TestOrg;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** agent-service's REST API for tests: {@link TestHttp} plus registering providers at the fake and creating agents. */
final class AgentApi extends TestHttp {
    /** The key the fake provider accepts. */
    static final String PROVIDER_KEY = FakeProviderExtension.API_KEY;

    AgentApi(String baseUrl) {
        super(baseUrl);
    }

    /** The local fake provider (OpenAI and Anthropic protocols over real HTTP). */
    FakeProvider fake() {
        return FakeProviderExtension.fakeProvider();
    }

    /** Registers an OpenAI-compatible provider at the fake server with the key it accepts. */
    String fakeProvider(TestOrg org) {
        return provider(org, "openai_compatible", fake().baseUrl() + "/v1", PROVIDER_KEY);
    }

    String provider(TestOrg org, String kind, String baseUrl, String key) {
        Response created = post(
                "/api/v1/providers",
                org.admin(),
                Map.of(
                        "name",
                        "p-" + Ids.generate("x").substring(2, 14),
                        "kind",
                        kind,
                        "base_url",
                        baseUrl,
                        "api_key",
                        key));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    /** A tier of {@code targets} (each a provider_id and a model), in order; answers its id. */
    String tier(TestOrg org, String name, List<Map<String, String>> targets) {
        Response created = post("/api/v1/tiers", org.admin(), Map.of("name", name, "targets", targets));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    JsonNode createAgent(TestOrg org, Map<String, Object> body) {
        Response created = post("/api/v1/agents", org.member(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** An agent on one provider + model, with two prompt blocks. */
    JsonNode agentOn(TestOrg org, String providerId) {
        return createAgent(
                org,
                Map.of(
                        "name",
                        "support",
                        "model",
                        Map.of("provider_id", providerId, "model", "gpt-4o-mini"),
                        "prompt_blocks",
                        List.of(
                                Map.of("name", "persona", "content", "You are {{company}}'s assistant."),
                                Map.of("name", "rules", "content", "Answer {{user.name}} briefly."))));
    }
}
