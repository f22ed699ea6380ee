package dev.stoa.gateway;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.gateway.support.UpstreamStub;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestJwtIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One running gateway (shared by every *IT extending this class, so it starts once) in front of stub upstreams
 * that echo which route answered, with a real JWKS, the in-JVM Kafka broker and small rate limits. Each test gets
 * its own client IP (via X-Forwarded-For from a trusted 127.0.0.1) so anonymous budgets do not leak between tests.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + GatewayApplication.CONFIG_NAME)
public abstract class GatewayITSupport {
    protected static final String TOPIC = "stoa.sessions.v1";
    protected static final long LIMIT = 3;
    protected static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    protected static final JwksServer JWKS = JwksServer.start(ISSUER);
    protected static final UpstreamStub IDENTITY = UpstreamStub.start("identity", """
            {"openapi":"3.1.0","info":{"title":"identity","version":"1"},
             "paths":{"/api/v1/org":{"get":{"summary":"the caller's org"}},"/internal/debug":{"get":{}}},
             "components":{"schemas":{"Org":{"type":"object"}},
                           "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}
            """);
    protected static final UpstreamStub CHAT = UpstreamStub.start("chat", """
            {"openapi":"3.1.0","info":{"title":"chat","version":"1"},
             "paths":{"/api/v1/agents/{agent_id}/chat":{"post":{}},"/api/v1/agents/{agent_id}":{"get":{}}},
             "components":{"schemas":{"ChatRequest":{"type":"object"}}}}
            """);
    protected static final UpstreamStub AGENT = UpstreamStub.start("agent", """
            {"openapi":"3.1.0","info":{"title":"agent","version":"1"},
             "paths":{"/api/v1/agents/{agent_id}":{"get":{}}},
             "components":{"schemas":{"Agent":{"type":"object"}}}}
            """);

    protected static final int DEAD_PORT = deadPort();

    @LocalServerPort
    int port;

    protected WebTestClient client;
    protected String clientIp;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        StoaKafka.createTopics(TOPIC);
        registry.add("spring.kafka.bootstrap-servers", StoaKafka::bootstrapServers);
        registry.add("management.server.port", () -> "0");
        registry.add("stoa.gateway.identity.url", IDENTITY::uri);
        registry.add("stoa.gateway.identity.jwks-uri", JWKS::jwksUri);
        registry.add("stoa.gateway.identity.issuer", ISSUER::issuer);
        registry.add("spring.grpc.client.channel.identity.target", () -> "static://127.0.0.1:" + DEAD_PORT);
        registry.add("stoa.gateway.routes.chat.enabled", () -> "true");
        registry.add("stoa.gateway.routes.chat.uri", CHAT::uri);
        registry.add("stoa.gateway.routes.agent.enabled", () -> "true");
        registry.add("stoa.gateway.routes.agent.uri", AGENT::uri);
        // the shipped gateway.yml enables tool-router, monitoring and eval on localhost; these tests have one dead
        // upstream: memory, pointed at a dead port (an unavailable service)
        registry.add("stoa.gateway.routes.tool-router.enabled", () -> "false");
        registry.add("stoa.gateway.routes.monitoring.enabled", () -> "false");
        registry.add("stoa.gateway.routes.eval.enabled", () -> "false");
        registry.add("stoa.gateway.routes.memory.enabled", () -> "true");
        registry.add("stoa.gateway.routes.memory.uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        for (String kind : new String[] {"api-key", "user", "ip"}) {
            registry.add("stoa.gateway.rate-limit." + kind + ".limit", () -> LIMIT);
        }
        registry.add("stoa.gateway.trusted-proxies", () -> "127.0.0.1,::1");
        registry.add("stoa.gateway.max-body-bytes", () -> "64KB");
        registry.add("stoa.gateway.cors.allowed-origins", () -> "https://app.example");
    }

    @BeforeEach
    void newClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        clientIp = "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-Forwarded-For", clientIp)
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    /** A fresh user (so each test has its own per-user budget). */
    protected static Principal newUser() {
        return Principals.user(Ids.generate("org"), Ids.generate("usr"), Role.ADMIN);
    }

    protected static String bearer(Principal principal) {
        return "Bearer " + ISSUER.issue(principal);
    }

    /** A port nothing listens on. */
    protected static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
