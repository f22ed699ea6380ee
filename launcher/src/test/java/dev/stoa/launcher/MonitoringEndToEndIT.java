package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.sdk.StoaClient;
import dev.stoa.test.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The event pipeline end to end through the gateway: a chat turn that calls a tool of a connected backend shows up in
 * monitoring-service's tool-call log and stats (from tool-router's stoa.toolcalls.v1), in the cost ledger (from
 * chat-service's stoa.turns.v1) and the org's admin actions in the audit log (from identity's stoa.audit.v1).
 */
class MonitoringEndToEndIT {
    static TestHttp http;
    static EmbeddedPlatform platform;
    static FakeProvider model;

    @BeforeAll
    static void start() throws Exception {
        platform = SharedPlatform.get();
        http = SharedPlatform.http();
        model = FakeProvider.start();
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void aChatTurnWithAToolCallAppearsInToolCallsCostsAndTheAuditLog() throws Exception {
        // given an org with an agent on the fake model and a backend serving "forecast"
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String secret = http.post("/api/v1/org/sdk-connections", owner, Map.of("name", "backend"))
                .json()
                .path("secret")
                .asString();
        try (StoaClient backend = StoaClient.builder()
                .url(platform.gatewayUrl())
                .secret(secret)
                .tools(new ToolsEndToEndIT.Weather())
                .start()) {
            assertThat(backend.awaitRegistered(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(http.get("/api/v1/agents/" + agent + "/tools", owner)
                                    .json()
                                    .path("data"))
                            .extracting(t -> t.path("tool").path("name").asString())
                            .contains("forecast"));

            // when a chat turn calls the tool
            model.script(
                    Reply.toolCall("forecast", "{\"name\":\"Oslo\"}").withUsage(120, 8),
                    Reply.text("4 degrees in Oslo.").withUsage(150, 6));
            TestHttp.Response chat =
                    http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "Weather in Oslo?"));
            assertThat(chat.status()).as(chat.body()).isEqualTo(200);
            assertThat(ChatEndToEndIT.parse(chat.body()).getLast().type()).isEqualTo("turn.completed");
        }

        // then the call is in the tool-call log, with its agent and status
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TestHttp.Response calls = http.get("/api/v1/monitoring/tool-calls?agent_id=" + agent, owner);
            assertThat(calls.status()).as(calls.body()).isEqualTo(200);
            assertThat(calls.json().path("data")).hasSize(1);
            JsonNode call = calls.json().path("data").get(0);
            assertThat(call.path("tool_name").asString()).isEqualTo("forecast");
            assertThat(call.path("status").asString()).isEqualTo("succeeded");
            assertThat(call.path("arguments_preview").asString()).doesNotContain("Oslo");
        });
        JsonNode stats = http.get("/api/v1/monitoring/tool-calls/stats?agent_id=" + agent, owner)
                .json();
        assertThat(stats.path("total").path("calls").asLong()).isEqualTo(1);
        assertThat(stats.path("by_tool").get(0).path("key").asString()).isEqualTo("forecast");

        // and the turn is in the cost ledger with the tokens of both model calls
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TestHttp.Response costs = http.get("/api/v1/monitoring/costs?group_by=agent", owner);
            assertThat(costs.status()).as(costs.body()).isEqualTo(200);
            JsonNode group = costs.json().path("groups").get(0);
            assertThat(group.path("key").asString()).isEqualTo(agent);
            assertThat(group.path("turns").asLong()).isEqualTo(1);
            assertThat(group.path("input_tokens").asLong()).isEqualTo(270);
            assertThat(group.path("output_tokens").asLong()).isEqualTo(14);
        });

        // and the audit log shows the org's admin actions (registering, the SDK connection)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TestHttp.Response audit = http.get("/api/v1/audit-logs", owner);
            assertThat(audit.status()).as(audit.body()).isEqualTo(200);
            assertThat(audit.json().path("data").findValuesAsString("action"))
                    .contains("user.registered", "sdk_connection.created");
        });
    }
}
