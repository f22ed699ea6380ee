package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestJwtIssuer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Starts agent-service once per test JVM (every IT shares this configuration, so Spring caches one context) against
 * an embedded PostgreSQL and an in-JVM Kafka broker; tokens come from a test issuer whose JWKS a local server
 * publishes; gRPC is served in-process; providers are a local fake speaking the real wire protocols.
 */
@SpringBootTest(
        classes = AgentApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=agent",
            "spring.grpc.server.port=0",
            "spring.grpc.server.inprocess.name=" + AgentTestBase.GRPC_NAME,
            "stoa.secrets.keys.v1=" + AgentTestBase.SECRET_KEY,
            "stoa.secrets.active-version=v1",
            "stoa.security.issuer=" + TestJwtIssuer.DEFAULT_ISSUER,
            "stoa.agent.providers.allow-private-networks=true"
        })
public abstract class AgentTestBase {
    static final String GRPC_NAME = "agent-it";
    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String PROVIDER_KEY = "sk-test-0123456789abcdef-WXYZ";
    static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    static final JwksServer JWKS = JwksServer.start(ISSUER);
    static final FakeProvider FAKE = FakeProvider.start().requireApiKey(PROVIDER_KEY);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        StoaPostgres.database("agent").springProperties().forEach((k, v) -> registry.add(k, () -> v));
        StoaKafka.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("stoa.security.jwks-uri", JWKS::jwksUri);
    }

    protected TestHttp api() {
        return new TestHttp("http://127.0.0.1:" + port);
    }

    /** A fresh org with a token per role. */
    protected static Org newOrg() {
        return new Org(Ids.generate("org"));
    }

    /** An org of the test and tokens of its members. */
    protected record Org(String id) {
        String owner() {
            return token(Role.OWNER);
        }

        String admin() {
            return token(Role.ADMIN);
        }

        String member() {
            return token(Role.MEMBER);
        }

        String viewer() {
            return token(Role.VIEWER);
        }

        String token(Role role) {
            return ISSUER.issue(Principals.user(id, Ids.generate("usr"), role), Duration.ofMinutes(30));
        }

        /** An API key token of an admin, limited to {@code scopes}. */
        String apiKey(String... scopes) {
            return ISSUER.issue(
                    Principals.apiKey(id, Ids.generate("key"), Ids.generate("usr"), Role.ADMIN, Set.of(scopes)),
                    Duration.ofMinutes(30));
        }
    }

    /** Registers an OpenAI-compatible provider at the fake server with the key it accepts. */
    protected String fakeProvider(Org org) {
        return provider(org, "openai_compatible", FAKE.baseUrl() + "/v1", PROVIDER_KEY);
    }

    protected String provider(Org org, String kind, String baseUrl, String key) {
        TestHttp.Response created = api().post(
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

    protected JsonNode createAgent(Org org, Map<String, Object> body) {
        TestHttp.Response created = api().post("/api/v1/agents", org.member(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** An agent on one provider + model, with two prompt blocks. */
    protected JsonNode agentOn(Org org, String providerId) {
        return createAgent(
                org,
                Map.of(
                        "name",
                        "support",
                        "model",
                        Map.of("provider_id", providerId, "model", "gpt-4o-mini"),
                        "prompt_blocks",
                        java.util.List.of(
                                Map.of("name", "persona", "content", "You are {{company}}'s assistant."),
                                Map.of("name", "rules", "content", "Answer {{user.name}} briefly."))));
    }
}
