package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.test.OpenApiCheck;
import dev.stoa.test.TestHttp;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One embedded platform for every end-to-end test class in this JVM (starting it takes ~20 s on two cores), and its
 * gateway client, which holds every exchange to the OpenAPI document the gateway serves: a test of a new service
 * gets the contract check by using {@link #http()}.
 */
final class SharedPlatform {
    static final String PASSWORD = "Correct-Horse-42";
    private static EmbeddedPlatform platform;
    private static TestHttp http;

    private SharedPlatform() {}

    static synchronized EmbeddedPlatform get() throws Exception {
        if (platform == null) {
            LaunchConfig config = ownPlatform(
                    "e2e-home",
                    // loopback stands in for a trusted proxy, so a test can give its requests their own client
                    // address (X-Forwarded-For) and budget, as GatewayKeepAliveSoakIT does
                    Map.of("gateway", Map.of("stoa.gateway.trusted-proxies", "127.0.0.1/32")));
            platform = EmbeddedPlatform.start(config);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(platform::close));
        }
        return platform;
    }

    /** The shared platform's gateway client; any exchange its /openapi.json does not describe fails the test. */
    static synchronized TestHttp http() throws Exception {
        if (http == null) {
            http = validating(get());
        }
        return http;
    }

    /** A client of {@code platform}'s gateway that checks every exchange against the document the gateway serves. */
    static TestHttp validating(EmbeddedPlatform platform) {
        return new TestHttp(platform.gatewayUrl(), OpenApiCheck.of(completeDocument(platform)));
    }

    /** The gateway's /openapi.json once every service's document is in it (a service builds it on first request). */
    static String completeDocument(EmbeddedPlatform platform) {
        return completeDocument(platform.gatewayUrl());
    }

    /** The /openapi.json of the gateway at {@code gatewayUrl} once every service's document is in it. */
    static String completeDocument(String gatewayUrl) {
        TestHttp plain = new TestHttp(gatewayUrl);
        AtomicReference<String> document = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    TestHttp.Response response = plain.get("/openapi.json", null);
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.json().path("x-stoa-unavailable").isMissingNode())
                            .as("services missing from /openapi.json: "
                                    + response.json().path("x-stoa-unavailable"))
                            .isTrue();
                    document.set(response.body());
                });
        return document.get();
    }

    /** A platform of a test's own: home under launcher/target, free ports, per-service property overrides. */
    static LaunchConfig ownPlatform(String home, Map<String, Map<String, Object>> given) throws java.io.IOException {
        // Memory is off unless an agent's config turns it on (MemoryEndToEndIT does): extraction would otherwise ask
        // the tests' scripted fake models too, taking their replies, and add its spend to the ledgers they count.
        Map<String, Map<String, Object>> overrides = new java.util.HashMap<>(given);
        Map<String, Object> memory = new java.util.HashMap<>(overrides.getOrDefault("memory-service", Map.of()));
        memory.putIfAbsent("stoa.memory.enabled-by-default", false);
        overrides.put("memory-service", memory);
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (String variable : LaunchConfig.PORT_DEFAULTS.keySet()) {
            ports.put(variable, freePort());
        }
        return new LaunchConfig(root.resolve("launcher/target").resolve(home), root, ports, false, overrides);
    }

    /** Creates, as {@code owner}, an agent on model "fake-model" of an OpenAI-compatible provider at {@code baseUrl}. */
    static String agentOn(TestHttp http, String owner, String baseUrl) {
        return agentOn(http, owner, "openai_compatible", baseUrl, "fake-model");
    }

    /** An agent of {@code owner}'s org on a new provider of {@code kind} at {@code baseUrl}, model {@code model}. */
    static String agentOn(TestHttp http, String owner, String kind, String baseUrl, String model) {
        TestHttp.Response provider = http.post(
                "/api/v1/providers",
                owner,
                Map.of("name", "fake", "kind", kind, "base_url", baseUrl, "api_key", "any-key"));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        TestHttp.Response agent = http.post(
                "/api/v1/agents",
                owner,
                Map.of(
                        "name",
                        "Helper-" + UUID.randomUUID(),
                        "model",
                        Map.of("provider_id", provider.json().path("id").asString(), "model", model)));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.json().path("id").asString();
    }

    /** Registers a fresh user and org through the gateway and returns the owner's access token. */
    static String registerOwner(TestHttp http) {
        String email = "e2e-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        TestHttp.Response registered =
                http.post("/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD, "name", "User"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().path("access_token").asString();
    }

    /**
     * A free port below the kernel's ephemeral range (32768-60999 on Linux): a port handed out for binding to 0 (the
     * embedded broker's, a client's) can then never take it between this choice and the service binding it.
     */
    static int freePort() throws java.io.IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new java.io.IOException("no free port between 20000 and 32000");
    }
}
