package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tool health from connection state and call outcomes, and its history. */
@ToolRouterServiceTest
class ToolHealthIT {
    @LocalServerPort
    int port;

    @Test
    void aToolGoesDownWhenItsLastConnectionDropsAndHealthyWhenOneComesBack(TestHttp http) {
        Org org = Org.create();
        String toolId;
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_h"))) {
            toolId = sdk.register("ping", Map.of("type", "object"), Map.of())
                    .path("tool_id")
                    .asString();
            assertThat(health(http, org, "ping").path("status").asString()).isEqualTo("healthy");
            assertThat(health(http, org, "ping").path("sessions").asInt()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        health(http, org, "ping").path("status").asString())
                .isEqualTo("down"));
        assertThat(health(http, org, "ping").path("reason").asString()).isEqualTo("no connected backend serves it");
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_h"))) {
            sdk.register("ping", Map.of("type", "object"), Map.of());
            assertThat(health(http, org, "ping").path("status").asString()).isEqualTo("healthy");
            JsonNode history = http.get("/api/v1/tools/" + toolId + "/health/history", org.viewer())
                    .json();
            List<String> statuses = new ArrayList<>();
            history.path("data").forEach(e -> statuses.add(e.path("status").asString()));
            assertThat(statuses).containsExactly("healthy", "down", "healthy");
        }
        // another org does not see it
        assertThat(http.get(
                                "/api/v1/tools/" + toolId + "/health/history",
                                Org.create().member())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/tools/health", Org.create().member())
                        .json()
                        .path("data"))
                .isEmpty();
        assertThat(http.get("/api/v1/tools/" + toolId + "/health/history?limit=0", org.member())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void failingCallsMakeAToolDegradedThenDown(TestHttp http, ManagedChannel channel) throws Exception {
        Org org = Org.create();
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_f"))) {
            sdk.register("flaky", Map.of("type", "object"), Map.of());
            // 4 successes, then 2 failures: a third of the last 6 failed
            for (int i = 0; i < 6; i++) {
                var call = SdkProtocolIT.invoke(stub, agentId, "c" + i, "flaky", "{}");
                String callId = sdk.next().path("call_id").asString();
                sdk.send(
                        i < 4
                                ? Map.of("v", 1, "type", "result", "call_id", callId, "result", "ok")
                                : Map.of(
                                        "v",
                                        1,
                                        "type",
                                        "error",
                                        "call_id",
                                        callId,
                                        "error",
                                        Map.of("message", "boom")));
                call.get(10, TimeUnit.SECONDS);
            }
            // the outcome is recorded just after the caller has it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            health(http, org, "flaky").path("recent_calls").asInt())
                    .isEqualTo(6));
            JsonNode degraded = health(http, org, "flaky");
            assertThat(degraded.path("status").asString()).isEqualTo("degraded");
            assertThat(degraded.path("reason").asString()).isEqualTo("33% of its last 6 calls failed");
            assertThat(degraded.path("recent_calls").asInt()).isEqualTo(6);

            var call = SdkProtocolIT.invoke(stub, agentId, "c7", "flaky", "{}");
            sdk.send(Map.of(
                    "v",
                    1,
                    "type",
                    "error",
                    "call_id",
                    sdk.next().path("call_id").asString(),
                    "error",
                    Map.of("message", "boom")));
            call.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            health(http, org, "flaky").path("status").asString())
                    .isEqualTo("down"));
            assertThat(health(http, org, "flaky").path("reason").asString()).isEqualTo("its last 3 calls failed");
        }
    }

    private static JsonNode health(TestHttp http, Org org, String name) {
        TestHttp.Response response = http.get("/api/v1/tools/health", org.viewer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode tool : response.json().path("data")) {
            if (tool.path("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no health of " + name + " in " + response.body());
    }
}
