package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An agent's tool config over REST: defaults, changes, what they do to the agent's tools, and refusals. */
@ToolRouterServiceTest
class ToolConfigIT {
    @LocalServerPort
    int port;

    @Test
    void theConfigFiltersTheAgentsToolsAndSetsTimeoutsAndApproval(TestHttp http) {
        // given an agent of an org with two connected tools
        Org org = Org.create();
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        String path = "/api/v1/agents/" + agentId;
        JsonNode defaults = http.get(path + "/tool-config", org.viewer()).json();
        assertThat(defaults.path("allow").isNull()).isTrue();
        assertThat(defaults.path("smart_selection").asBoolean()).isFalse();
        assertThat(defaults.path("top_k").asInt()).isEqualTo(8);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_1"))) {
            sdk.register("alpha", Map.of("type", "object"), Map.of());
            sdk.register("beta", Map.of("type", "object"), Map.of());
            assertThat(names(http.get(path + "/tools", org.member()))).containsExactly("alpha", "beta");

            // when a member denies one and sets the other's timeout and approval
            var updated = http.patch(
                    path + "/tool-config",
                    org.member(),
                    Map.of(
                            "deny", List.of("beta"),
                            "overrides", Map.of("alpha", Map.of("timeout_ms", 1500, "approval_required", true))));
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            assertThat(updated.json().path("deny").get(0).asString()).isEqualTo("beta");

            // then the agent's tools follow
            JsonNode tools = http.get(path + "/tools", org.member()).json().path("data");
            assertThat(tools).hasSize(1);
            assertThat(tools.get(0).path("tool").path("name").asString()).isEqualTo("alpha");
            assertThat(tools.get(0).path("timeout_ms").asInt()).isEqualTo(1500);
            assertThat(tools.get(0).path("approval_required").asBoolean()).isTrue();

            // and an allowlist without alpha leaves nothing; allow_all restores it
            http.patch(path + "/tool-config", org.member(), Map.of("allow", List.of("gamma")));
            assertThat(names(http.get(path + "/tools", org.member()))).isEmpty();
            http.patch(path + "/tool-config", org.member(), Map.of("allow_all", true));
            assertThat(names(http.get(path + "/tools", org.member()))).containsExactly("alpha");
        }
    }

    @Test
    void smartSelectionPicksTheToolsRelevantToTheQueryAndThePreviewSaysWhy(
            TestHttp http, io.grpc.ManagedChannel channel) {
        Org org = Org.create();
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        String path = "/api/v1/agents/" + agentId;
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_s"))) {
            sdk.send(Map.of(
                    "v",
                    1,
                    "type",
                    "register",
                    "tools",
                    List.of(
                            Map.of(
                                    "name",
                                    "get_weather",
                                    "description",
                                    "Current weather for a city.",
                                    "input_schema",
                                    Map.of("type", "object")),
                            Map.of(
                                    "name",
                                    "send_email",
                                    "description",
                                    "Sends an email.",
                                    "input_schema",
                                    Map.of("type", "object")),
                            Map.of(
                                    "name",
                                    "calculate",
                                    "description",
                                    "Evaluates arithmetic.",
                                    "input_schema",
                                    Map.of("type", "object")))));
            sdk.next();
            // selection off: everything is offered, unscored
            JsonNode off = http.post(path + "/tools/preview", org.member(), Map.of("query", "rain in Oslo?"))
                    .json();
            assertThat(off.path("smart_selection").asBoolean()).isFalse();
            assertThat(off.path("tools"))
                    .hasSize(3)
                    .allSatisfy(t -> assertThat(t.path("reason").asString()).isEqualTo("allowed"));

            http.patch(
                    path + "/tool-config",
                    org.member(),
                    Map.of("smart_selection", true, "top_k", 1, "always_include", List.of("calculate")));
            TestHttp.Response preview =
                    http.post(path + "/tools/preview", org.member(), Map.of("query", "Will it rain in Oslo tomorrow?"));
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            JsonNode tools = preview.json().path("tools");
            assertThat(tools.get(0).path("tool").path("name").asString()).isEqualTo("get_weather");
            assertThat(tools.get(0).path("reason").asString()).isEqualTo("selected");
            assertThat(tools.get(0).path("score").asDouble())
                    .isGreaterThan(tools.get(2).path("score").asDouble());
            List<String> reasons = new java.util.ArrayList<>();
            tools.forEach(t -> reasons.add(t.path("tool").path("name").asString() + "="
                    + t.path("reason").asString()));
            assertThat(reasons).contains("calculate=always_included", "send_email=not_selected");

            var stub = dev.stoa.proto.tools.v1.ToolRouterServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(dev.stoa.test.service.GrpcChannelExtension.bearer(org.member()));
            var selected = stub.selectTools(dev.stoa.proto.tools.v1.SelectToolsRequest.newBuilder()
                    .setAgentId(agentId)
                    .setQuery("Will it rain in Oslo tomorrow?")
                    .build());
            assertThat(selected.getToolsList())
                    .extracting(t -> t.getName())
                    .containsExactlyInAnyOrder("get_weather", "calculate");
            assertThat(selected.getToolsList())
                    .allSatisfy(t -> assertThat(t.getScore()).isNotZero());

            assertBad(http.post(path + "/tools/preview", org.member(), Map.of("query", "")), "query");
            assertBad(http.post(path + "/tools/preview", org.member(), Map.of("query", "x", "top_k", 0)), "top_k");
            assertThat(http.post(path + "/tools/preview", Org.create().member(), Map.of("query", "x"))
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void anotherOrgsOrAnUnknownAgentIsNotFound(TestHttp http) {
        Org org = Org.create();
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        Org other = Org.create();
        for (String p : List.of("/tools", "/tool-config")) {
            var r = http.get("/api/v1/agents/" + agentId + p, other.member());
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("not_found");
        }
        assertThat(http.patch("/api/v1/agents/" + agentId + "/tool-config", other.member(), Map.of("top_k", 3))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/agents/agt_unknown/tools", org.member()).status())
                .isEqualTo(404);
        // and a deleted agent is gone
        org.publish(agentId, "deleted");
        await().until(() ->
                http.get("/api/v1/agents/" + agentId + "/tools", org.member()).status() == 404);
    }

    @Test
    void badInputIsRefusedNamingTheField(TestHttp http) {
        Org org = Org.create();
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        String path = "/api/v1/agents/" + agentId + "/tool-config";
        assertBad(http.patch(path, org.member(), Map.of("top_k", 0)), "top_k");
        assertBad(http.patch(path, org.member(), Map.of("top_k", 65)), "top_k");
        assertBad(http.patch(path, org.member(), Map.of("allow", List.of("no spaces"))), "allow");
        assertBad(
                http.patch(path, org.member(), Map.of("overrides", Map.of("a", Map.of("timeout_ms", 5)))), "overrides");
        assertBad(http.patch(path, org.member(), Map.of("colour", "red")), "colour");
        assertBad(http.patch(path, org.member(), Map.of("smart_selection", "yes")), "smart_selection");
    }

    @Test
    void viewersAndKeysWithoutTheScopeMayNotChangeIt(TestHttp http) {
        Org org = Org.create();
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        String path = "/api/v1/agents/" + agentId + "/tool-config";
        assertThat(http.patch(path, org.viewer(), Map.of("top_k", 3)).status()).isEqualTo(403);
        assertThat(http.patch(path, org.apiKey("tools:read"), Map.of("top_k", 3))
                        .status())
                .isEqualTo(403);
        assertThat(http.get(path, org.apiKey("agents:read")).status()).isEqualTo(403);
        assertThat(http.patch(path, org.apiKey("tools:write"), Map.of("top_k", 3))
                        .status())
                .isEqualTo(200);
        assertThat(http.get(path, null).status()).isEqualTo(401);
    }

    private static void assertBad(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains(field);
    }

    private static List<String> names(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> out = new java.util.ArrayList<>();
        response.json()
                .path("data")
                .forEach(t -> out.add(t.path("tool").path("name").asString()));
        return out;
    }
}
