package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Long-term memory end to end through the gateway: facts a user states in one conversation are extracted after the
 * turn (stoa.turns.v1 → memory-service → the model, here the fake provider answering as a model that extracts), a
 * contradiction in another conversation supersedes the older fact, and a third conversation's prompt preview and the
 * model's own request carry the current facts only. The facts API keeps the history; clearing removes everything;
 * another user of the org and another org never see them.
 */
class MemoryEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXTRACTOR = "You extract long-term memory facts";

    static TestHttp http;
    static FakeProvider model;

    @BeforeAll
    static void start() throws Exception {
        SharedPlatform.get();
        http = SharedPlatform.http();
        model = FakeProvider.start();
        model.script(Reply.text("Noted.")).respondTo(MemoryEndToEndIT::extract);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void factsAreRememberedSupersededRecalledIntoLaterConversationsAndCleared() {
        // given an agent whose memory is on (the default) and its owner chatting as themselves
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String user = http.get("/api/v1/auth/me", owner)
                .json()
                .path("user")
                .path("id")
                .asString();
        enableMemory(owner, agent);
        String memory = "/api/v1/agents/" + agent + "/memory/" + user;

        // when the user states two facts in one conversation
        chat(owner, agent, "I live in Lisbon and I work as a nurse.");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(objects(http.get(memory + "/facts", owner)))
                        .containsExactlyInAnyOrder("Lisbon", "nurse"));

        // and contradicts one of them in another conversation
        chat(owner, agent, "I moved to Porto last month.");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(objects(http.get(memory + "/facts", owner)))
                        .containsExactlyInAnyOrder("Porto", "nurse"));

        // then the facts API keeps the history: Lisbon ended, superseded by Porto
        JsonNode all = http.get(memory + "/facts?validity=all", owner).json().path("data");
        JsonNode lisbon = find(all, "Lisbon");
        JsonNode porto = find(all, "Porto");
        assertThat(lisbon.path("valid_to").isString()).isTrue();
        assertThat(lisbon.path("superseded_by").asString())
                .isEqualTo(porto.path("id").asString());
        assertThat(porto.path("valid_to").isString())
                .as("a current fact has no end")
                .isFalse();
        JsonNode graph = http.get(memory + "/graph?validity=all", owner).json();
        assertThat(graph.path("edges").findValuesAsString("predicate")).contains("lives_in", "works_as");

        // and a third conversation's prompt preview and the model's request carry the current facts only
        TestHttp.Response preview = http.get(
                "/api/v1/agents/" + agent + "/prompt/preview?user_id=" + url(user) + "&message="
                        + url("Where do I live and what is my job?"),
                owner);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("prompt").asString())
                .contains("Porto", "nurse")
                .doesNotContain("Lisbon");
        int before = model.requestCount();
        chat(owner, agent, "Where do I live and what is my job?");
        String sent = model.requests().subList(before, model.requestCount()).stream()
                .map(r -> r.body().toString())
                .filter(body -> !body.contains(EXTRACTOR))
                .findFirst()
                .orElseThrow();
        assertThat(sent).contains("Porto", "nurse").doesNotContain("Lisbon");

        // and another user of the org, and another org, see none of it
        String apiKey = http.post(
                        "/api/v1/org/api-keys",
                        owner,
                        Map.of("name", "app", "scopes", List.of("chat:write", "memory:read")))
                .json()
                .path("key")
                .asString();
        int beforeOther = model.requestCount();
        TestHttp.Response other = http.post(
                "/api/v1/agents/" + agent + "/chat",
                apiKey,
                Map.of("message", "Where do I live?", "user_id", "someone-else"));
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(model.requests().subList(beforeOther, model.requestCount()).stream()
                        .map(r -> r.body().toString())
                        .filter(body -> !body.contains(EXTRACTOR))
                        .findFirst()
                        .orElseThrow())
                .doesNotContain("Porto", "nurse");
        assertThat(http.get("/api/v1/agents/" + agent + "/memory/ext:someone-else/facts", owner)
                        .json()
                        .path("data"))
                .isEmpty();
        String stranger = SharedPlatform.registerOwner(http);
        assertThat(http.get(memory + "/facts", stranger).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/agents/" + agent + "/memory-config", stranger)
                        .status())
                .isEqualTo(404);
        assertThat(http.delete(memory, stranger).status()).isEqualTo(404);

        // and clearing the user's memory removes the facts and their history
        assertThat(http.delete(memory, owner).status()).isEqualTo(204);
        assertThat(http.get(memory + "/facts?validity=all", owner).json().path("data"))
                .isEmpty();
        TestHttp.Response after = http.get(
                "/api/v1/agents/" + agent + "/prompt/preview?user_id=" + url(user) + "&message=" + url("Where?"),
                owner);
        assertThat(after.json().path("prompt").asString()).doesNotContain("Porto", "nurse");
    }

    @Test
    void deletingAConversationForgetsTheFactsOnlyItSupported() {
        // given facts from one conversation and a fact restated in two
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String user = http.get("/api/v1/auth/me", owner)
                .json()
                .path("user")
                .path("id")
                .asString();
        String memory = "/api/v1/agents/" + agent + "/memory/" + user;
        enableMemory(owner, agent);
        String first = chat(owner, agent, "I live in Lisbon and I work as a nurse.");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        assertThat(objects(http.get(memory + "/facts", owner))).hasSize(2));

        // when the conversation is deleted
        assertThat(http.delete("/api/v1/conversations/" + first, owner).status())
                .isEqualTo(204);

        // then its facts are forgotten
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        http.get(memory + "/facts?validity=all", owner).json().path("data"))
                .isEmpty());
    }

    /** Turns the agent's memory on (the test platforms start with it off; ./stoa up has it on by default). */
    private static void enableMemory(String owner, String agent) {
        TestHttp.Response config =
                http.patch("/api/v1/agents/" + agent + "/memory-config", owner, Map.of("enabled", true));
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(config.json().path("enabled").asBoolean()).isTrue();
    }

    /** Sends a message in a new conversation and returns the conversation's id. */
    private static String chat(String token, String agent, String message) {
        TestHttp.Response chat = http.post("/api/v1/agents/" + agent + "/chat", token, Map.of("message", message));
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        List<ChatEndToEndIT.Event> events = ChatEndToEndIT.parse(chat.body());
        assertThat(events.getLast().type()).isEqualTo("turn.completed");
        return events.getFirst().data().path("conversation_id").asString();
    }

    private static List<String> objects(TestHttp.Response facts) {
        assertThat(facts.status()).as(facts.body()).isEqualTo(200);
        return facts.json().path("data").findValuesAsString("object");
    }

    private static JsonNode find(JsonNode facts, String object) {
        for (JsonNode fact : facts) {
            if (fact.path("object").asString().equals(object)) {
                return fact;
            }
        }
        throw new AssertionError("no fact with object " + object + " in " + facts);
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The fake model as an extractor: for memory-service's extraction requests it proposes the facts of the user's
     * message, superseding the shown fact of the same predicate; other requests (chat turns) get the script.
     */
    private static @Nullable Reply extract(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (messages.isEmpty() || !messages.get(0).path("content").asString().startsWith(EXTRACTOR)) {
            return null;
        }
        JsonNode input =
                JSON.readTree(messages.get(messages.size() - 1).path("content").asString());
        String said = input.path("user_message").asString();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode facts = answer.putArray("facts");
        if (said.contains("Lisbon")) {
            fact(facts, "lives_in", "Lisbon", "The user lives in Lisbon.", "location", null);
            fact(facts, "works_as", "nurse", "The user works as a nurse.", "work", null);
        } else if (said.contains("Porto")) {
            String lisbon = null;
            for (JsonNode existing : input.path("existing_facts")) {
                if (existing.path("predicate").asString().equals("lives_in")) {
                    lisbon = existing.path("id").asString();
                }
            }
            fact(facts, "lives_in", "Porto", "The user lives in Porto.", "location", lisbon);
        }
        return Reply.text(answer.toString()).withUsage(200, 40);
    }

    private static void fact(
            ArrayNode facts, String predicate, String object, String text, String category, @Nullable String replaces) {
        facts.addObject()
                .put("subject", "user")
                .put("predicate", predicate)
                .put("object", object)
                .put("text", text)
                .put("category", category)
                .put("confidence", 0.9)
                .put("action", replaces == null ? "add" : "supersede")
                .put("existing_fact_id", replaces);
    }
}
