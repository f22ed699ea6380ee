package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.launcher.ChatEndToEndIT.Event;
import dev.stoa.sdk.StoaClient;
import dev.stoa.test.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A chat turn that calls tools of connected backends, all through the gateway and the real services: the model asks
 * for one tool of a Java SDK backend and one of a TypeScript SDK backend in the same step, chat-service calls them
 * through tool-router's gRPC, both backends answer, and the model's final text streams after the results.
 */
class ChatToolsEndToEndIT {
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
    void theModelCallsAToolOfEachSdkAndTheAnswerStreamsAfterTheirResults() throws Exception {
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String secret = http.post("/api/v1/org/sdk-connections", owner, Map.of("name", "backends"))
                .json()
                .path("secret")
                .asString();
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();

        try (StoaClient java = StoaClient.builder()
                        .url(platform.gatewayUrl())
                        .secret(secret)
                        .tools(new ToolsEndToEndIT.Weather())
                        .start();
                SdkBackendProcess node = SdkBackendProcess.startTypeScript(root, platform.gatewayUrl(), secret)) {
            assertThat(java.awaitRegistered(Duration.ofSeconds(60))).isTrue();
            node.await("REGISTERED", Duration.ofSeconds(60));
            // tool-router learns of the agent from stoa.agents.v1; then both backends' tools are the agent's
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TestHttp.Response tools = http.get("/api/v1/agents/" + agent + "/tools", owner);
                assertThat(tools.status()).as(tools.body()).isEqualTo(200);
                assertThat(tools.json().path("data"))
                        .extracting(t -> t.path("tool").path("name").asString())
                        .contains("forecast", "word_count");
            });

            model.script(
                    Reply.toolCall("forecast", "{\"name\":\"Oslo\"}")
                            .thenToolCall("word_count", "{\"text\":\"cold and clear\"}"),
                    Reply.text("It is 4 degrees in Oslo; your note has 3 words."));
            TestHttp.Response chat =
                    http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "Weather in Oslo?"));

            assertThat(chat.status()).as(chat.body()).isEqualTo(200);
            List<Event> events = ChatEndToEndIT.parse(chat.body());
            List<Event> finished = events.stream()
                    .filter(e -> e.type().equals("tool_call.finished"))
                    .toList();
            assertThat(finished).as(chat.body()).hasSize(2);
            assertThat(finished)
                    .allSatisfy(
                            e -> assertThat(e.data().path("status").asString()).isEqualTo("ok"));
            assertThat(resultOf(finished, "forecast").path("tempC").asInt()).isEqualTo(4);
            assertThat(resultOf(finished, "word_count").path("words").asInt()).isEqualTo(3);
            Event last = events.getLast();
            assertThat(last.type()).as(chat.body()).isEqualTo("turn.completed");
            assertThat(last.data().path("message").asString())
                    .isEqualTo("It is 4 degrees in Oslo; your note has 3 words.");
            assertThat(last.data().path("tool_calls").asInt()).isEqualTo(2);
            // the second model call saw both results
            assertThat(model.requests().getLast().body().toString())
                    .contains("tempC")
                    .contains("words");
        }
    }

    @Test
    void anAnthropicModelStreamsAToolUseThatRunsThroughTheToolLoopAndTheTurnIsCosted() throws Exception {
        model.reset(); // the fake is shared by this class's tests: only this test's requests count
        String owner = SharedPlatform.registerOwner(http);
        // Anthropic's Messages API at the fake; Claude 3.5 Haiku's catalog prices are 0.80 / 4.00 USD per Mtok.
        String agent = SharedPlatform.agentOn(http, owner, "anthropic", model.baseUrl(), "claude-3-5-haiku-latest");
        String secret = http.post("/api/v1/org/sdk-connections", owner, Map.of("name", "backend"))
                .json()
                .path("secret")
                .asString();

        try (StoaClient java = StoaClient.builder()
                .url(platform.gatewayUrl())
                .secret(secret)
                .tools(new ToolsEndToEndIT.Weather())
                .start()) {
            assertThat(java.awaitRegistered(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TestHttp.Response tools = http.get("/api/v1/agents/" + agent + "/tools", owner);
                assertThat(tools.status()).as(tools.body()).isEqualTo(200);
                assertThat(tools.json().path("data"))
                        .extracting(t -> t.path("tool").path("name").asString())
                        .contains("forecast");
            });
            // The call streams as a tool_use content block whose input arrives in input_json_delta pieces.
            model.script(
                    Reply.text("Let me look.")
                            .thenToolCall("forecast", "{\"name\":\"Bergen\"}")
                            .withUsage(40, 12),
                    Reply.text("It is 6 degrees in Bergen.").withUsage(80, 9));
            TestHttp.Response chat =
                    http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "Weather in Bergen?"));

            assertThat(chat.status()).as(chat.body()).isEqualTo(200);
            List<Event> events = ChatEndToEndIT.parse(chat.body());
            Event requested = first(events, "tool_call.requested");
            assertThat(requested.data().path("name").asString()).isEqualTo("forecast");
            assertThat(requested.data().path("arguments").path("name").asString())
                    .isEqualTo("Bergen");
            Event finished = first(events, "tool_call.finished");
            assertThat(finished.data().path("status").asString())
                    .as(chat.body())
                    .isEqualTo("ok");
            assertThat(finished.data().path("result").path("tempC").asInt()).isEqualTo(6);
            Event last = events.getLast();
            assertThat(last.type()).as(chat.body()).isEqualTo("turn.completed");
            assertThat(last.data().path("message").asString()).isEqualTo("It is 6 degrees in Bergen.");
            assertThat(last.data().path("tool_calls").asInt()).isEqualTo(1);
            assertThat(last.data().path("input_tokens").asLong()).isEqualTo(120);
            assertThat(last.data().path("output_tokens").asLong()).isEqualTo(21);
            // (40 x 0.80 + 12 x 4.00) + (80 x 0.80 + 9 x 4.00) micro-USD
            assertThat(last.data().path("cost_micros").asLong()).isEqualTo(180);
            assertThat(last.data().path("model").asString()).isEqualTo("claude-3-5-haiku-latest");
            // The second model call answered the tool_use by its id with the backend's result.
            assertThat(model.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/messages"));
            JsonNode messages = model.requests().getLast().body().path("messages");
            JsonNode toolResult =
                    messages.get(messages.size() - 1).path("content").get(0);
            assertThat(toolResult.path("type").asString()).isEqualTo("tool_result");
            assertThat(toolResult.path("tool_use_id").asString())
                    .isEqualTo(requested.data().path("call_id").asString());
            assertThat(toolResult.toString()).contains("tempC");
        }
    }

    private static Event first(List<Event> events, String type) {
        return events.stream()
                .filter(e -> e.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    private static JsonNode resultOf(List<Event> finished, String tool) {
        return finished.stream()
                .filter(e -> e.data().path("name").asString().equals(tool))
                .findFirst()
                .orElseThrow()
                .data()
                .path("result");
    }
}
