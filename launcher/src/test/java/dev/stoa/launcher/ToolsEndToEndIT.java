package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.sdk.StoaClient;
import dev.stoa.sdk.StoaTool;
import dev.stoa.test.TestHttp;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Connected backends end to end: a Java SDK process-side client registers a tool through the gateway's /ws/sdk, and a
 * gRPC client standing in for chat-service (the test's own caller) invokes it through the real tool-router.
 */
class ToolsEndToEndIT {
    private static EmbeddedPlatform platform;
    private static TestHttp http;
    private static ManagedChannel grpc;

    /** The backend's tools. */
    public static final class Weather {
        @StoaTool(description = "Current weather in a city: temperature in Celsius.", timeoutMs = 5000)
        public Forecast forecast(City city) {
            return new Forecast(city.name(), city.name().length());
        }

        @StoaTool(description = "Always fails, to show a tool's error reaching the caller.")
        public String broken(String why) {
            throw new IllegalStateException("broken on purpose: " + why);
        }
    }

    public record City(String name) {}

    public record Forecast(String city, int tempC) {}

    @BeforeAll
    static void start() throws Exception {
        platform = SharedPlatform.get();
        http = SharedPlatform.http();
        grpc = NettyChannelBuilder.forTarget(platform.toolsGrpcAddress())
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aJavaSdkRegistersAToolThroughTheGatewayAndAGrpcCallReachesIt() throws Exception {
        // given an org with an agent and an SDK connection
        Tenant tenant = tenant("weather-backend");
        String owner = tenant.owner();
        String agentId = tenant.agentId();
        String secret = tenant.secret();

        // when a backend connects with the Java SDK through the gateway
        try (StoaClient sdk = StoaClient.builder()
                .url(platform.gatewayUrl())
                .secret(secret)
                .tools(new Weather())
                .start()) {
            assertThat(sdk.awaitRegistered(Duration.ofSeconds(60))).isTrue();

            // then the agent's tools (REST through the gateway, checked against /openapi.json) list it online
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestHttp.Response tools = http.get("/api/v1/agents/" + agentId + "/tools", owner);
                assertThat(tools.status()).as(tools.body()).isEqualTo(200);
                assertThat(tools.json().path("data")).anySatisfy(t -> {
                    assertThat(t.path("tool").path("name").asString()).isEqualTo("forecast");
                    assertThat(t.path("tool").path("online").asBoolean()).isTrue();
                });
            });
            JsonNode schema =
                    http.get("/api/v1/tools", owner).json().path("data").get(1).path("input_schema");
            assertThat(schema.path("properties").path("name").path("type").asString())
                    .isEqualTo("string");

            // and chat's gRPC calls reach the backend and bring its result back
            var stub = ToolRouterServiceGrpc.newBlockingStub(grpc)
                    .withInterceptors(bearer(owner))
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            assertThat(stub.selectTools(SelectToolsRequest.newBuilder()
                                    .setAgentId(agentId)
                                    .setQuery("weather in Oslo")
                                    .build())
                            .getToolsList())
                    .extracting(t -> t.getName())
                    .containsExactlyInAnyOrder("broken", "forecast");
            List<ToolCallUpdate> updates = invoke(stub, agentId, "forecast", "{\"name\":\"Oslo\"}");
            assertThat(updates.getFirst().hasStarted()).isTrue();
            assertThat(updates.getLast().getFinished().getStatus()).isEqualTo("succeeded");
            assertThat(updates.getLast().getFinished().getResultJson()).isEqualTo("{\"city\":\"Oslo\",\"tempC\":4}");

            List<ToolCallUpdate> failed = invoke(stub, agentId, "broken", "{\"why\":\"test\"}");
            assertThat(failed.getLast().getFinished().getStatus()).isEqualTo("failed");
            assertThat(failed.getLast().getFinished().getError().getCode()).isEqualTo("tool_failed");
            assertThat(failed.getLast().getFinished().getError().getMessage()).contains("broken on purpose: test");
        }
    }

    @Test
    void killingAnSdkProcessMidCallGivesConnectionLostAndTheToolIsDownUntilItReconnects() throws Exception {
        Tenant tenant = tenant("dictionary");
        String owner = tenant.owner();
        String agentId = tenant.agentId();
        String secret = tenant.secret();
        var stub = ToolRouterServiceGrpc.newBlockingStub(grpc)
                .withInterceptors(bearer(owner))
                .withDeadlineAfter(90, TimeUnit.SECONDS);
        try (SdkBackendProcess first = SdkBackendProcess.start(platform.gatewayUrl(), secret)) {
            first.await("REGISTERED", Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/api/v1/agents/" + agentId + "/tools", owner)
                                    .status()
                            == 200);
            assertThat(health(owner, "slowLookup").path("status").asString()).isEqualTo("healthy");

            // a call in flight when the backend process dies
            var call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> invoke(stub, agentId, "slowLookup", "{\"word\":\"ephemeral\"}"));
            first.await("CALLED slowLookup", Duration.ofSeconds(30));
            first.kill();

            // gives the caller a clear tool error, and the tool is down
            ToolCallUpdate finished = call.get(60, TimeUnit.SECONDS).getLast();
            assertThat(finished.getFinished().getStatus()).isEqualTo("failed");
            assertThat(finished.getFinished().getError().getCode()).isEqualTo("connection_lost");
            assertThat(finished.getFinished().getError().getRetryable()).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            health(owner, "slowLookup").path("status").asString())
                    .isEqualTo("down"));
        }
        // until a backend connects again
        try (SdkBackendProcess second = SdkBackendProcess.start(platform.gatewayUrl(), secret)) {
            second.await("REGISTERED", Duration.ofSeconds(90));
            JsonNode healthy = health(owner, "slowLookup");
            assertThat(healthy.path("status").asString()).isEqualTo("healthy");
            List<String> history = new ArrayList<>();
            http.get("/api/v1/tools/" + healthy.path("tool_id").asString() + "/health/history", owner)
                    .json()
                    .path("data")
                    .forEach(e -> history.add(e.path("status").asString()));
            assertThat(history).containsExactly("healthy", "down", "healthy");
            assertThat(invoke(stub, agentId, "echo", "{\"text\":\"back\"}")
                            .getLast()
                            .getFinished()
                            .getResultJson())
                    .isEqualTo("\"back\"");
        }
    }

    @Test
    void aToolThatNeedsApprovalWaitsForAnApprovalMadeThroughTheApi() throws Exception {
        Tenant tenant = tenant("careful-backend");
        String owner = tenant.owner();
        String agentId = tenant.agentId();
        String secret = tenant.secret();
        try (StoaClient sdk = StoaClient.builder()
                .url(platform.gatewayUrl())
                .secret(secret)
                .tools(new Weather())
                .start()) {
            assertThat(sdk.awaitRegistered(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/api/v1/agents/" + agentId + "/tools", owner)
                                    .status()
                            == 200);
            TestHttp.Response config = http.patch(
                    "/api/v1/agents/" + agentId + "/tool-config",
                    owner,
                    Map.of("overrides", Map.of("forecast", Map.of("approval_required", true))));
            assertThat(config.status()).as(config.body()).isEqualTo(200);

            var stub = ToolRouterServiceGrpc.newBlockingStub(grpc)
                    .withInterceptors(bearer(owner))
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            var updates = stub.invokeTool(InvokeToolRequest.newBuilder()
                    .setContext(CallContext.newBuilder().setAgentId(agentId).setTurnId("trn_approval"))
                    .setCallId("call_1")
                    .setToolName("forecast")
                    .setArgumentsJson("{\"name\":\"Bergen\"}")
                    .build());
            ToolCallUpdate waiting = updates.next();
            assertThat(waiting.hasAwaitingApproval()).isTrue();
            String approvalId = waiting.getAwaitingApproval().getApprovalId();

            TestHttp.Response pending = http.get("/api/v1/tool-approvals?status=pending", owner);
            assertThat(pending.json().path("data").get(0).path("id").asString()).isEqualTo(approvalId);
            TestHttp.Response approved =
                    http.post("/api/v1/tool-approvals/" + approvalId + "/approve", owner, Map.of("reason", "fine"));
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);

            List<ToolCallUpdate> rest = new ArrayList<>();
            updates.forEachRemaining(rest::add);
            assertThat(rest.getFirst().hasStarted()).isTrue();
            assertThat(rest.getLast().getFinished().getResultJson()).isEqualTo("{\"city\":\"Bergen\",\"tempC\":6}");
        }
    }

    @Test
    void aTypeScriptSdkProcessRegistersToolsAndReceivesCallsThroughTheGateway() throws Exception {
        Tenant tenant = tenant("node-backend");
        String owner = tenant.owner();
        String agentId = tenant.agentId();
        String secret = tenant.secret();
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("stoa.root", ".."))
                .toAbsolutePath()
                .normalize();
        try (SdkBackendProcess node = SdkBackendProcess.startTypeScript(root, platform.gatewayUrl(), secret)) {
            node.await("REGISTERED", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/api/v1/agents/" + agentId + "/tools", owner)
                                    .status()
                            == 200);
            var stub = ToolRouterServiceGrpc.newBlockingStub(grpc)
                    .withInterceptors(bearer(owner))
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            JsonNode zodSchema = null;
            for (JsonNode t : http.get("/api/v1/tools", owner).json().path("data")) {
                if (t.path("name").asString().equals("word_count")) {
                    zodSchema = t.path("input_schema");
                }
            }
            assertThat(zodSchema).isNotNull();
            assertThat(zodSchema.path("properties").path("text").path("type").asString())
                    .isEqualTo("string");

            ToolCallUpdate counted = invoke(stub, agentId, "word_count", "{\"text\":\"one two three\"}")
                    .getLast();
            assertThat(counted.getFinished().getStatus()).isEqualTo("succeeded");
            assertThat(counted.getFinished().getResultJson()).isEqualTo("{\"words\":3}");
            ToolCallUpdate refused =
                    invoke(stub, agentId, "divide", "{\"a\":1,\"b\":0}").getLast();
            assertThat(refused.getFinished().getError().getCode()).isEqualTo("division_by_zero");
            ToolCallUpdate invalid =
                    invoke(stub, agentId, "word_count", "{\"text\":7}").getLast();
            assertThat(invalid.getFinished().getError().getCode()).isEqualTo("invalid_arguments");
        }
    }

    /** A fresh org through the gateway: its owner's token, an agent, and an SDK connection's secret. */
    private record Tenant(String owner, String agentId, String secret) {
        @Override
        public String toString() { // holds a secret
            return "Tenant[" + agentId + "]";
        }
    }

    private static Tenant tenant(String name) {
        String owner = SharedPlatform.registerOwner(http);
        String agentId = http.post("/api/v1/agents", owner, Map.of("name", name + "-" + UUID.randomUUID()))
                .json()
                .path("id")
                .asString();
        String secret = http.post("/api/v1/org/sdk-connections", owner, Map.of("name", name))
                .json()
                .path("secret")
                .asString();
        return new Tenant(owner, agentId, secret);
    }

    private static JsonNode health(String token, String name) {
        TestHttp.Response response = http.get("/api/v1/tools/health", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode tool : response.json().path("data")) {
            if (tool.path("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no health of " + name + " in " + response.body());
    }

    @Test
    void theSdkSocketRefusesUserTokensAndForeignSecretsCannotReachAnotherOrgsTools() {
        String owner = SharedPlatform.registerOwner(http);
        assertThat(http.get("/ws/sdk", owner).status()).isEqualTo(401);
        String otherOwner = SharedPlatform.registerOwner(http);
        String agentId = http.post("/api/v1/agents", owner, Map.of("name", "Mine-" + UUID.randomUUID()))
                .json()
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        http.get("/api/v1/agents/" + agentId + "/tools", owner).status() == 200);
        TestHttp.Response foreign = http.get("/api/v1/agents/" + agentId + "/tool-config", otherOwner);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("not_found");
        TestHttp.Response bad = http.patch("/api/v1/agents/" + agentId + "/tool-config", owner, Map.of("top_k", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("top_k");
    }

    private static List<ToolCallUpdate> invoke(
            ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub, String agentId, String tool, String args) {
        List<ToolCallUpdate> updates = new ArrayList<>();
        stub.invokeTool(InvokeToolRequest.newBuilder()
                        .setContext(CallContext.newBuilder().setAgentId(agentId).setTurnId("trn_e2e"))
                        .setCallId("call_" + UUID.randomUUID())
                        .setToolName(tool)
                        .setArgumentsJson(args)
                        .build())
                .forEachRemaining(updates::add);
        return updates;
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }
}
