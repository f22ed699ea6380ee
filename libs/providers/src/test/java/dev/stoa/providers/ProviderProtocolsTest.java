package dev.stoa.providers;

import static dev.stoa.providers.FakeProviders.drain;
import static dev.stoa.providers.FakeProviders.provider;
import static dev.stoa.providers.FakeProviders.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.RecordedRequest;
import dev.stoa.fakeprovider.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every provider kind against the fake provider over real HTTP: same events, same results. */
class ProviderProtocolsTest {
    static final ToolSpec WEATHER = new ToolSpec(
            "get_weather",
            "Current weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    static FakeProvider fake;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void streamsTextThenUsageThenFinished(ProviderKind kind) {
        fake.script(Reply.text("Hello big world").withUsage(12, 3));

        List<ChatEvent> events = drain(provider(fake, kind).stream(ChatRequest.of("fake-model", "Hi")));

        assertThat(text(events)).isEqualTo("Hello big world");
        assertThat(events.stream().filter(ChatEvent.TextDelta.class::isInstance))
                .hasSize(3);
        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly(new ChatEvent.Usage(12, 3), new ChatEvent.Finished("stop"));
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void assemblesAStreamedToolCall(ProviderKind kind) {
        fake.script(Reply.text("Let me check.").thenToolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"c\"}"));
        ChatRequest request = new ChatRequest(
                "fake-model", "Be brief.", List.of(ChatMessage.user("Weather?")), List.of(WEATHER), 256, 0.2);

        List<ChatEvent> events = drain(provider(fake, kind).stream(request));

        assertThat(text(events)).isEqualTo("Let me check.");
        ToolCall call = events.stream()
                .filter(ChatEvent.ToolCallComplete.class::isInstance)
                .map(e -> ((ChatEvent.ToolCallComplete) e).call())
                .findFirst()
                .orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.argumentsJson()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"c\"}");
        assertThat(call.id()).isNotBlank();
        assertThat(events.getLast()).isEqualTo(new ChatEvent.Finished("tool_calls"));
        RecordedRequest sent = fake.requests().getFirst();
        assertThat(sent.body().path("tools").path(0).toString()).contains("get_weather", "city");
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void completesWithoutStreaming(ProviderKind kind) {
        fake.script(Reply.text("Sunny")
                .thenToolCall("get_weather", "{\"city\":\"Oslo\"}")
                .withUsage(20, 5));

        ChatResult result = provider(fake, kind).complete(ChatRequest.of("fake-model", "Weather in Oslo?"));

        assertThat(result.text()).isEqualTo("Sunny");
        assertThat(result.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.argumentsJson()).isEqualTo("{\"city\":\"Oslo\"}");
        });
        assertThat(result.usage()).isEqualTo(new ChatEvent.Usage(20, 5));
        assertThat(result.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void sendsAToolRoundTripInEachProtocolsShape() {
        ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
        ChatRequest request = new ChatRequest(
                "fake-model",
                "Be brief.",
                List.of(
                        ChatMessage.user("Weather?"),
                        ChatMessage.assistant(null, List.of(call)),
                        ChatMessage.toolResult("call_1", "18C")),
                List.of(WEATHER),
                null,
                null);

        drain(provider(fake, ProviderKind.OPENAI).stream(request));
        drain(provider(fake, ProviderKind.ANTHROPIC).stream(request));

        var openAi = fake.requests().get(0).body();
        assertThat(openAi.path("messages").path(0).path("role").asString()).isEqualTo("system");
        assertThat(openAi.path("messages")
                        .path(2)
                        .path("tool_calls")
                        .path(0)
                        .path("id")
                        .asString())
                .isEqualTo("call_1");
        assertThat(openAi.path("messages").path(3).path("tool_call_id").asString())
                .isEqualTo("call_1");
        assertThat(openAi.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        var anthropic = fake.requests().get(1).body();
        assertThat(anthropic.path("system").asString()).isEqualTo("Be brief.");
        assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(ChatRequest.DEFAULT_ANTHROPIC_MAX_TOKENS);
        assertThat(anthropic
                        .path("messages")
                        .path(1)
                        .path("content")
                        .path(0)
                        .path("type")
                        .asString())
                .isEqualTo("tool_use");
        assertThat(anthropic
                        .path("messages")
                        .path(2)
                        .path("content")
                        .path(0)
                        .path("tool_use_id")
                        .asString())
                .isEqualTo("call_1");
        assertThat(fake.requests().get(1).header("x-api-key")).startsWith("sk-");
    }

    @Test
    void deliversEventsWhileTheProviderIsStillStreaming() {
        fake.script(Reply.text("first second"))
                .timeToFirstToken(Duration.ofMillis(50))
                .interTokenDelay(Duration.ofSeconds(2));

        try (ChatStream stream = provider(fake, ProviderKind.OPENAI).stream(ChatRequest.of("fake-model", "Hi"))) {
            ChatEvent first = stream.iterator().next();

            assertThat(first).isEqualTo(new ChatEvent.TextDelta("first"));
            // The fake is still sleeping before its second token: the event was not buffered until the end.
            assertThat(fake.activeStreams()).isEqualTo(1);
        }
    }
}
