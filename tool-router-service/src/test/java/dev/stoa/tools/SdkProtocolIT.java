package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import dev.stoa.test.service.PlatformIssuerExtension;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The SDK socket end to end inside the service: registration, dispatch over gRPC, results, and refusals. */
@ToolRouterServiceTest
class SdkProtocolIT {
    static final Map<String, Object> CITY_SCHEMA = Map.of(
            "type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"));

    @LocalServerPort
    int port;

    @Test
    void aRegisteredToolIsCalledOverGrpcAndItsResultStreamsBack(TestHttp http, ManagedChannel channel)
            throws Exception {
        // given an agent and an SDK connection that registers a tool
        Org org = Org.create();
        String agentId = org.announceAgent();
        awaitAgent(http, org, agentId);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_weather"))) {
            JsonNode registered = sdk.register("get_weather", CITY_SCHEMA, Map.of("timeout_ms", 5000));
            assertThat(registered.path("status").asString()).isEqualTo("accepted");
            assertThat(registered.path("tool_id").asString()).startsWith("tool_");

            // the org's listing shows it online, the agent's tools include it, and SelectTools offers it
            JsonNode listed =
                    http.get("/api/v1/tools", org.member()).json().path("data").get(0);
            assertThat(listed.path("name").asString()).isEqualTo("get_weather");
            assertThat(listed.path("online").asBoolean()).isTrue();
            assertThat(listed.path("sdk_connection_id").asString()).isEqualTo("sdk_weather");
            assertThat(http.get("/api/v1/agents/" + agentId + "/tools", org.viewer())
                            .json()
                            .path("data"))
                    .hasSize(1);
            var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(GrpcChannelExtension.bearer(org.member()));
            var selected = stub.selectTools(SelectToolsRequest.newBuilder()
                    .setAgentId(agentId)
                    .setQuery("weather")
                    .build());
            assertThat(selected.getToolsList()).singleElement().satisfies(t -> {
                assertThat(t.getName()).isEqualTo("get_weather");
                assertThat(t.getSource()).isEqualTo("sdk");
                assertThat(t.getTimeoutMs()).isEqualTo(5000);
                assertThat(t.getInputSchemaJson()).contains("\"city\"");
            });

            // when chat invokes it
            CompletableFuture<List<ToolCallUpdate>> updates =
                    invoke(stub, agentId, "call_1", "get_weather", "{\"city\":\"Oslo\"}");
            JsonNode call = sdk.next();
            assertThat(call.path("type").asString()).isEqualTo("call");
            assertThat(call.path("tool").asString()).isEqualTo("get_weather");
            assertThat(call.path("arguments").path("city").asString()).isEqualTo("Oslo");
            sdk.send(Map.of(
                    "v", 1, "type", "progress", "call_id", call.path("call_id").asString(), "fraction", 0.5));
            sdk.send(Map.of(
                    "v",
                    1,
                    "type",
                    "result",
                    "call_id",
                    call.path("call_id").asString(),
                    "result",
                    Map.of("temp_c", 4)));

            // then the stream says started, progress, finished with the result
            List<ToolCallUpdate> got = updates.get(10, TimeUnit.SECONDS);
            assertThat(got)
                    .extracting(u -> u.getUpdateCase().name())
                    .containsExactly("STARTED", "PROGRESS", "FINISHED");
            assertThat(got.getLast().getFinished().getStatus()).isEqualTo("succeeded");
            assertThat(got.getLast().getFinished().getResultJson()).isEqualTo("{\"temp_c\":4}");
            assertThat(got.getLast().getCallId()).isEqualTo("call_1");
        }
    }

    @Test
    void aCallOnADroppedConnectionFailsWithConnectionLostAndAnIdempotentOneMovesToAnotherSession(
            TestHttp http, ManagedChannel channel) throws Exception {
        Org org = Org.create();
        String agentId = org.announceAgent();
        awaitAgent(http, org, agentId);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        try (SdkSocket first = SdkSocket.hello(port, org.sdk("sdk_a"));
                SdkSocket second = SdkSocket.hello(port, org.sdk("sdk_a"))) {
            first.register("charge", CITY_SCHEMA, Map.of());
            second.register("charge", CITY_SCHEMA, Map.of());
            first.register("lookup", CITY_SCHEMA, Map.of("idempotent", true));
            second.register("lookup", CITY_SCHEMA, Map.of("idempotent", true));

            // a non-idempotent call: whichever session gets it drops
            var charge = invoke(stub, agentId, "c1", "charge", "{\"city\":\"x\"}");
            SdkSocket holder = receiver(first, second);
            holder.socket.abort();
            ToolCallUpdate finished = charge.get(10, TimeUnit.SECONDS).getLast();
            assertThat(finished.getFinished().getStatus()).isEqualTo("failed");
            assertThat(finished.getFinished().getError().getCode()).isEqualTo("connection_lost");

            // an idempotent call moves to the surviving session
            SdkSocket survivor = holder == first ? second : first;
            var lookup = invoke(stub, agentId, "c2", "lookup", "{\"city\":\"x\"}");
            JsonNode call = survivor.next();
            survivor.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", "ok"));
            assertThat(lookup.get(10, TimeUnit.SECONDS).getLast().getFinished().getResultJson())
                    .isEqualTo("\"ok\"");
        }
    }

    @Test
    void aSilentToolTimesOutAndALateResultIsIgnored(TestHttp http, ManagedChannel channel) throws Exception {
        Org org = Org.create();
        String agentId = org.announceAgent();
        awaitAgent(http, org, agentId);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_slow"))) {
            sdk.register("slow", CITY_SCHEMA, Map.of("timeout_ms", 300));
            var updates = invoke(stub, agentId, "c1", "slow", "{\"city\":\"Oslo\"}");
            JsonNode call = sdk.next();
            ToolCallUpdate finished = updates.get(10, TimeUnit.SECONDS).getLast();
            assertThat(finished.getFinished().getStatus()).isEqualTo("timed_out");
            assertThat(finished.getFinished().getError().getCode()).isEqualTo("tool_timeout");
            JsonNode cancel = sdk.next();
            assertThat(cancel.path("type").asString()).isEqualTo("cancel");
            assertThat(cancel.path("call_id").asString())
                    .isEqualTo(call.path("call_id").asString());

            // a result after the deadline, and one for a call id never sent, change nothing; the session lives on
            sdk.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", 1));
            sdk.send(Map.of("v", 1, "type", "result", "call_id", "tcl_forged", "result", 1));
            sdk.send(Map.of("v", 1, "type", "heartbeat"));
            assertThat(sdk.next().path("type").asString()).isEqualTo("heartbeat");
        }
    }

    @Test
    void unknownToolsAndBadCallsAreRefusedByTheRpc(TestHttp http, ManagedChannel channel) {
        Org org = Org.create();
        String agentId = org.announceAgent();
        awaitAgent(http, org, agentId);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        assertThatThrownBy(() -> invoke(stub, agentId, "c1", "nope", "{}").join())
                .hasRootCauseInstanceOf(StatusRuntimeException.class)
                .rootCause()
                .satisfies(
                        e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                                .isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> invoke(stub, agentId, "c1", "nope", "[1]").join())
                .rootCause()
                .satisfies(
                        e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                                .isEqualTo(Status.Code.INVALID_ARGUMENT));
        // another org's agent is unknown
        var other = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(Org.create().member()));
        assertThatThrownBy(() -> other.selectTools(
                        SelectToolsRequest.newBuilder().setAgentId(agentId).build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void badFramesGetAProtocolErrorAndTheSessionSurvives() {
        Org org = Org.create();
        try (SdkSocket sdk = SdkSocket.open(port, org.sdk("sdk_bad"))) {
            sdk.send(Map.of("v", 1, "type", "heartbeat"));
            assertError(sdk.next(), "hello_required");
            sdk.send(Map.of("v", 1, "type", "hello", "sdk", Map.of("name", "t", "version", "1")));
            assertThat(sdk.next().path("type").asString()).isEqualTo("welcome");
            sdk.sendText("{not json");
            assertError(sdk.next(), "invalid_json");
            sdk.send(Map.of("v", 2, "type", "heartbeat"));
            assertError(sdk.next(), "unsupported_version");
            sdk.send(Map.of("v", 1, "type", "teleport"));
            assertError(sdk.next(), "unknown_type");
            sdk.send(Map.of(
                    "v", 1, "type", "register", "tools", List.of(Map.of("name", "bad name!", "description", "d"))));
            JsonNode invalid = sdk.next();
            assertError(invalid, "invalid_frame");
            assertThat(invalid.path("message").asString())
                    .contains("input_schema")
                    .contains("name");
            sdk.send(Map.of("v", 1, "type", "heartbeat"));
            assertThat(sdk.next().path("type").asString()).isEqualTo("heartbeat");
        }
    }

    @Test
    void aNameRegisteredTwiceWithDifferentSchemasWithinOneConnectionIsRefused() {
        Org org = Org.create();
        try (SdkSocket first = SdkSocket.hello(port, org.sdk("sdk_c"));
                SdkSocket second = SdkSocket.hello(port, org.sdk("sdk_c"));
                SdkSocket otherConnection = SdkSocket.hello(port, org.sdk("sdk_d"))) {
            assertThat(first.register("t", CITY_SCHEMA, Map.of()).path("status").asString())
                    .isEqualTo("accepted");
            JsonNode clash = second.register("t", Map.of("type", "object"), Map.of());
            assertThat(clash.path("status").asString()).isEqualTo("refused");
            assertThat(clash.path("error").asString()).isEqualTo("schema_conflict");
            // the same schema is fine, and another connection has its own namespace
            assertThat(second.register("t", CITY_SCHEMA, Map.of())
                            .path("status")
                            .asString())
                    .isEqualTo("accepted");
            assertThat(otherConnection
                            .register("t", Map.of("type", "object"), Map.of())
                            .path("status")
                            .asString())
                    .isEqualTo("accepted");
        }
    }

    @Test
    void oversizedFramesCloseTheSocketAndFloodsAreRateLimited() {
        Org org = Org.create();
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_large"))) {
            // far over the socket's 8 KiB read buffer but under the frame limit: put together and read as one frame
            sdk.sendText("{\"v\":1,\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(300_000) + "\"}");
            assertThat(sdk.next().path("type").asString()).isIn("heartbeat", "protocol_error");
            sdk.sendText("{\"v\":1,\"type\":\"heartbeat\"}");
            assertThat(sdk.next().path("type").asString()).isEqualTo("heartbeat");
        }
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_big"))) {
            sdk.sendText("{\"v\":1,\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
            assertThat(sdk.closed.completeOnTimeout(0, 10, TimeUnit.SECONDS).join())
                    .isEqualTo(1009);
        }
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_flood"))) {
            for (int i = 0; i < 3000; i++) {
                sdk.sendText("{\"v\":1,\"type\":\"heartbeat\"}");
            }
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                JsonNode frame = sdk.next();
                codes.add(
                        frame.path("type").asString() + ":" + frame.path("code").asString(""));
            }
            assertThat(codes).contains("protocol_error:rate_limited");
            assertThat(codes.stream().filter(c -> c.startsWith("heartbeat")).count())
                    .isBetween(2000L, 2999L);
        }
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_forged_results"))) {
            // answers to calls this socket never got are no answers: they count like any other frame
            for (int i = 0; i < 3000; i++) {
                sdk.sendText("{\"v\":1,\"type\":\"result\",\"call_id\":\"tcl_forged" + i + "\",\"result\":{}}");
            }
            sdk.sendText("{\"v\":1,\"type\":\"heartbeat\"}");
            JsonNode frame = sdk.next();
            assertThat(frame.path("type").asString() + ":" + frame.path("code").asString(""))
                    .isEqualTo("protocol_error:rate_limited");
        }
    }

    @Test
    void onlySdkTokensOpenTheSocket() {
        Org org = Org.create();
        assertThat(SdkSocket.handshakeStatus(port, org.member())).isEqualTo(401);
        assertThat(SdkSocket.handshakeStatus(port, org.apiKey("tools:write"))).isEqualTo(401);
        assertThat(SdkSocket.handshakeStatus(
                        port,
                        PlatformIssuerExtension.issuer().issue(Principals.service("svc_chat"), Duration.ofMinutes(5))))
                .isEqualTo(401);
        assertThat(SdkSocket.handshakeStatus(port, "not-a-token")).isEqualTo(401);
    }

    @Test
    void sdkTokensOpenNothingElse(TestHttp http, ManagedChannel channel) {
        Org org = Org.create();
        assertThat(http.get("/api/v1/tools", org.sdk("sdk_x")).status()).isEqualTo(401);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.sdk("sdk_x")));
        assertThatThrownBy(() -> stub.selectTools(
                        SelectToolsRequest.newBuilder().setAgentId("agt_x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                                e.getStatus().getCode())
                        .isIn(Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED));
    }

    private static SdkSocket receiver(SdkSocket a, SdkSocket b) {
        await().atMost(Duration.ofSeconds(5))
                .alias("one of the two sessions gets the call")
                .until(() -> !a.frames.isEmpty() || !b.frames.isEmpty());
        return a.frames.isEmpty() ? b : a;
    }

    private static void assertError(JsonNode frame, String code) {
        assertThat(frame.path("type").asString()).as(frame.toString()).isEqualTo("protocol_error");
        assertThat(frame.path("code").asString()).as(frame.toString()).isEqualTo(code);
    }

    static CompletableFuture<List<ToolCallUpdate>> invoke(
            ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub,
            String agentId,
            String callId,
            String tool,
            String args) {
        return CompletableFuture.supplyAsync(() -> {
            List<ToolCallUpdate> out = new ArrayList<>();
            stub.invokeTool(InvokeToolRequest.newBuilder()
                            .setContext(CallContext.newBuilder()
                                    .setAgentId(agentId)
                                    .setTurnId(Ids.generate("trn"))
                                    .setConversationId(Ids.generate("cnv")))
                            .setCallId(callId)
                            .setToolName(tool)
                            .setArgumentsJson(args)
                            .build())
                    .forEachRemaining(out::add);
            return out;
        });
    }

    static void awaitAgent(TestHttp http, Org org, String agentId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/api/v1/agents/" + agentId + "/tool-config", org.member())
                                .status()
                        == 200);
    }
}
