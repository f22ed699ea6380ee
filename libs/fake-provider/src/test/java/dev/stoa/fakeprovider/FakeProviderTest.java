package dev.stoa.fakeprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FakeProviderTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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

    @Test
    void openAiStreamsWordTokensThenUsageThenDone() throws Exception {
        fake.requireApiKey("sk-test").script(Reply.text("Hello big world"));

        HttpResponse<String> response = openAi("sk-test", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> data = sseData(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks =
                data.subList(0, data.size() - 1).stream().map(JSON::readTree).toList();
        assertThat(chunks)
                .allSatisfy(c -> assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk"));
        String text = chunks.stream()
                .filter(c -> !c.path("choices").isEmpty())
                .map(c ->
                        c.path("choices").path(0).path("delta").path("content").asString(""))
                .reduce("", String::concat);
        assertThat(text).isEqualTo("Hello big world");
        assertThat(chunks.stream()
                        .filter(c -> c.path("choices").path(0).path("delta").has("content"))
                        .count())
                .isEqualTo(4); // the empty role chunk, then three word tokens
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").path(0).path("finish_reason").asString())
                .isEqualTo("stop");
        JsonNode usage = chunks.getLast().path("usage");
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(3);
        assertThat(usage.path("prompt_tokens").asLong()).isPositive();
    }

    @Test
    void openAiStreamsToolCallArgumentsInPieces() throws Exception {
        String args = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        fake.script(Reply.toolCall("get_weather", args));

        List<JsonNode> chunks = sseData(openAi("any", true).body()).stream()
                .filter(d -> !d.equals("[DONE]"))
                .map(JSON::readTree)
                .toList();

        List<JsonNode> calls = chunks.stream()
                .flatMap(c -> c.path("choices")
                        .path(0)
                        .path("delta")
                        .path("tool_calls")
                        .valueStream())
                .toList();
        assertThat(calls.getFirst().path("id").asString()).startsWith("call_");
        assertThat(calls.getFirst().path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(calls).allSatisfy(c -> assertThat(c.path("index").asInt()).isZero());
        assertThat(calls.size()).isGreaterThan(2);
        String joined = calls.stream()
                .map(c -> c.path("function").path("arguments").asString(""))
                .reduce("", String::concat);
        assertThat(joined).isEqualTo(args);
        assertThat(chunks.get(chunks.size() - 2)
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asString())
                .isEqualTo("tool_calls");
    }

    @Test
    void aResponderChoosesByTheRequestAndLeavesTheRestToTheScript() throws Exception {
        fake.script(Reply.text("from the script"))
                .respondTo(body -> body.path("model").asString().equals("extractor") ? Reply.text("by model") : null);

        JsonNode scripted = JSON.readTree(openAi("k", false).body());
        HttpResponse<String> chosen = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer k")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"extractor\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")));

        assertThat(scripted.path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("from the script");
        assertThat(JSON.readTree(chosen.body())
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("by model");
    }

    @Test
    void openAiCompletesWithoutStreaming() throws Exception {
        fake.script(Reply.text("Hi there").thenToolCall("lookup", "{}").withUsage(11, 7));

        JsonNode completion = JSON.readTree(openAi("k", false).body());

        assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
        JsonNode message = completion.path("choices").path(0).path("message");
        assertThat(message.path("content").asString()).isEqualTo("Hi there");
        assertThat(message.path("tool_calls")
                        .path(0)
                        .path("function")
                        .path("name")
                        .asString())
                .isEqualTo("lookup");
        assertThat(completion.path("usage").path("prompt_tokens").asLong()).isEqualTo(11);
        assertThat(completion.path("usage").path("completion_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void anthropicStreamsTheMessagesEventSequence() throws Exception {
        fake.requireApiKey("ak").script(Reply.text("Hello world").thenToolCall("get_weather", "{\"city\":\"Paris\"}"));

        HttpResponse<String> response = anthropic("ak", true);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = sseNames(response.body());
        assertThat(names.getFirst()).isEqualTo("message_start");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("message_delta", "message_stop");
        assertThat(names)
                .containsSubsequence(
                        "content_block_start", "content_block_delta", "content_block_stop", "content_block_start");
        List<JsonNode> events =
                sseData(response.body()).stream().map(JSON::readTree).toList();
        assertThat(events.getFirst()
                        .path("message")
                        .path("usage")
                        .path("input_tokens")
                        .asLong())
                .isPositive();
        JsonNode toolStart = events.stream()
                .filter(e -> e.path("content_block").path("type").asString("").equals("tool_use"))
                .findFirst()
                .orElseThrow();
        assertThat(toolStart.path("index").asInt()).isEqualTo(1);
        assertThat(toolStart.path("content_block").path("name").asString()).isEqualTo("get_weather");
        assertThat(toolStart.path("content_block").path("id").asString()).startsWith("toolu_");
        String text = deltas(events, "text_delta", "text");
        String json = deltas(events, "input_json_delta", "partial_json");
        assertThat(text).isEqualTo("Hello world");
        assertThat(json).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode messageDelta = events.get(events.size() - 2);
        assertThat(messageDelta.path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(messageDelta.path("usage").path("output_tokens").asLong()).isEqualTo(2 + 2);
    }

    @Test
    void anthropicCompletesWithoutStreamingAndListsModels() throws Exception {
        fake.script(Reply.text("Hi"));

        JsonNode message = JSON.readTree(anthropic("k", false).body());
        JsonNode models = JSON.readTree(send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/models"))
                        .header("x-api-key", "k")
                        .header("anthropic-version", "2023-06-01")
                        .GET())
                .body());

        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("content").path(0).path("text").asString()).isEqualTo("Hi");
        assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(models.path("data").path(0).path("type").asString()).isEqualTo("model");
        assertThat(models.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void rejectsAWrongKeyWithEachProtocolsErrorShape() throws Exception {
        fake.requireApiKey("right");

        HttpResponse<String> openAi = openAi("wrong", true);
        HttpResponse<String> anthropic = anthropic("wrong", true);

        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(openAi.body()).path("error").path("code").asString())
                .isEqualTo("invalid_api_key");
        assertThat(anthropic.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(anthropic.body());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo("authentication_error");
    }

    @Test
    void servesScriptedFailuresThenRecovers() throws Exception {
        fake.retryAfter(java.time.Duration.ofMillis(1500)).failNext(429).failNext(503, 2);

        HttpResponse<String> limited = openAi("k", true);
        HttpResponse<String> overloaded = anthropic("k", true);
        HttpResponse<String> unavailable = openAi("k", false);
        HttpResponse<String> ok = openAi("k", false);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
        assertThat(limited.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(overloaded.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(overloaded.body()).path("error").path("type").asString())
                .isEqualTo("overloaded_error");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.body()).path("error").path("type").asString())
                .isEqualTo("server_error");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(fake.requestCount()).isEqualTo(4);
    }

    @Test
    void cutsTheStreamAfterTheScriptedTokenCount() throws Exception {
        fake.script(Reply.text("one two three four five")).cutStreamAfter(2);

        assertThatThrownBy(() -> openAi("k", true)).isInstanceOf(IOException.class);
        HttpResponse<String> next = openAi("k", true);

        assertThat(sseData(next.body()).getLast()).isEqualTo("[DONE]");
    }

    @Test
    void recordsRequestsAndRepeatsTheLastScriptedReply() throws Exception {
        fake.script(Reply.text("first"), Reply.text("second"));

        openAi("k1", false);
        openAi("k1", false);
        JsonNode third = JSON.readTree(openAi("k1", false).body());

        assertThat(third.path("choices").path(0).path("message").path("content").asString())
                .isEqualTo("second");
        RecordedRequest first = fake.requests().getFirst();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.header("Authorization")).isEqualTo("Bearer k1");
        assertThat(first.body().path("model").asString()).isEqualTo("fake-model");
    }

    private static HttpResponse<String> openAi(String key, boolean stream) throws Exception {
        String body = """
                {"model":"fake-model","stream":%s,"stream_options":%s,
                 "messages":[{"role":"user","content":"What is the weather in Paris?"}]}""".formatted(stream, stream ? "{\"include_usage\":true}" : "null");
        return send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> anthropic(String key, boolean stream) throws Exception {
        String body = """
                {"model":"fake-model","max_tokens":64,"stream":%s,
                 "messages":[{"role":"user","content":"What is the weather in Paris?"}]}""".formatted(stream);
        return send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/messages"))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> sseData(String body) {
        return body.lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
    }

    private static List<String> sseNames(String body) {
        List<String> names = new ArrayList<>();
        body.lines().filter(l -> l.startsWith("event: ")).forEach(l -> names.add(l.substring(7)));
        names.removeIf("ping"::equals);
        return names;
    }

    private static String deltas(List<JsonNode> events, String type, String field) {
        return events.stream()
                .filter(e -> e.path("delta").path("type").asString("").equals(type))
                .map(e -> e.path("delta").path(field).asString())
                .reduce("", String::concat);
    }
}
