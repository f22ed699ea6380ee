package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.sdk.StoaClient;
import dev.stoa.test.TestHttp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The event pipeline end to end through the gateway: a chat turn that calls a tool of a connected backend shows up in
 * monitoring-service's tool-call log and stats (from tool-router's stoa.toolcalls.v1), in the cost ledger (from
 * chat-service's stoa.turns.v1) and the org's admin actions in the audit log (from identity's stoa.audit.v1); a card
 * number in a turn becomes a safety alert (chat-service's inline scan, stoa.safety.v1) delivered to a webhook.
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

    @Test
    void aSeededCardNumberRaisesASignedSafetyAlertAndABlockPolicyRefusesTheNextTurn() throws Exception {
        // given an org with an agent, and a webhook receiver for safety alerts that checks the signature
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        List<String> verified = new CopyOnWriteArrayList<>();
        AtomicReference<String> secret = new AtomicReference<>("");
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("Stoa-Webhook-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("Stoa-Webhook-Signature");
            if (signature != null && signature.equals(sign(secret.get(), timestamp, body))) {
                verified.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String card = "4111 1111 1111 1111";
        try {
            TestHttp.Response hook = http.post(
                    "/api/v1/webhooks",
                    owner,
                    Map.of(
                            "url",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                            "event_types",
                            List.of("safety.alert")));
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);
            secret.set(hook.json().path("secret").asString());

            // when a user sends a card number (the default policy flags it)
            model.script(Reply.text("Noted."));
            TestHttp.Response chat = http.post(
                    "/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "My card is " + card + "."));
            assertThat(chat.status()).as(chat.body()).isEqualTo(200);

            // then the alert is listed, masked, and the receiver gets it signed
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TestHttp.Response alerts = http.get("/api/v1/monitoring/safety?agent_id=" + agent, owner);
                assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
                JsonNode alert = alerts.json().path("data").get(0);
                assertThat(alert).as(alerts.body()).isNotNull();
                assertThat(alert.path("detector").asString()).isEqualTo("payment_card");
                assertThat(alert.path("surface").asString()).isEqualTo("user_input");
                assertThat(alert.path("action").asString()).isEqualTo("flag");
                assertThat(alerts.body()).doesNotContain(card, card.replace(" ", ""));
            });
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(verified).anySatisfy(body -> assertThat(body)
                            .contains("\"type\":\"safety.alert\"", "\"detector\":\"payment_card\"")
                            .doesNotContain(card.replace(" ", ""), card)));
        } finally {
            receiver.stop(0);
        }

        // and once an admin blocks card numbers, the next such turn is refused naming the field, nothing echoed
        TestHttp.Response policy = http.put(
                "/api/v1/monitoring/safety/config",
                owner,
                Map.of("detectors", Map.of("payment_card", Map.of("action", "block"))));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        await("the policy reaches chat-service (it keeps a policy 10 s)")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    TestHttp.Response refused =
                            http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "Again: " + card));
                    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
                    assertThat(refused.json().path("code").asString()).isEqualTo("content_blocked");
                    assertThat(refused.json()
                                    .path("errors")
                                    .get(0)
                                    .path("field")
                                    .asString())
                            .isEqualTo("message");
                    assertThat(refused.body()).doesNotContain(card, card.replace(" ", ""));
                });
    }

    /** {@code v1=} and the hex HMAC-SHA256 of {@code timestamp.body}, as docs/webhooks.md tells receivers to check. */
    private static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
