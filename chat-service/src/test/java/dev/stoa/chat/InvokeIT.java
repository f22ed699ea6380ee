package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed invoke: input checked against the input schema, output against the output schema, one repair attempt. */
@ChatServiceTest
class InvokeIT {
    private static final Map<String, Object> INPUT_SCHEMA = Map.of(
            "type", "object",
            "required", List.of("city"),
            "properties", Map.of("city", Map.of("type", "string")));
    private static final Map<String, Object> OUTPUT_SCHEMA = Map.of(
            "type", "object",
            "required", List.of("temperature"),
            "properties", Map.of("temperature", Map.of("type", "number")));

    private final ChatApi api;

    InvokeIT(ChatApi api) {
        this.api = api;
    }

    private String typedAgent(TestOrg org) {
        return api.agent(org, Map.of("input_schema", INPUT_SCHEMA, "output_schema", OUTPUT_SCHEMA));
    }

    @Test
    void refusesInputThatDoesNotMatchTheInputSchemaWithJsonPointers() {
        TestOrg org = TestOrg.create();
        String agent = typedAgent(org);
        int calls = api.fake().requestCount();

        Response refused =
                api.post("/api/v1/agents/" + agent + "/invoke", org.member(), Map.of("input", Map.of("city", 12)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("input_invalid");
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("/city");
        assertThat(api.fake().requestCount()).isEqualTo(calls);
        assertThat(api.post("/api/v1/agents/" + agent + "/invoke", org.member(), Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void returnsOutputThatMatchesTheOutputSchema() {
        TestOrg org = TestOrg.create();
        String agent = typedAgent(org);
        api.fake().recordRequests(true).script(Reply.text("{\"temperature\": 21.5}"));

        Response answered =
                api.post("/api/v1/agents/" + agent + "/invoke", org.member(), Map.of("input", Map.of("city", "Paris")));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("output").path("temperature").asDouble())
                .isEqualTo(21.5);
        assertThat(answered.json().path("turns").asInt()).isEqualTo(1);
        String asked = api.fake().requests().getLast().body().path("messages").toString();
        assertThat(asked).contains("Paris").contains("temperature");
    }

    @Test
    void repairsAnAnswerOnceThenFailsClearly() {
        TestOrg org = TestOrg.create();
        String agent = typedAgent(org);
        api.fake().script(Reply.text("It is warm."), Reply.text("```json\n{\"temperature\": 30}\n```"));

        Response repaired =
                api.post("/api/v1/agents/" + agent + "/invoke", org.member(), Map.of("input", Map.of("city", "Rome")));

        assertThat(repaired.status()).as(repaired.body()).isEqualTo(200);
        assertThat(repaired.json().path("output").path("temperature").asInt()).isEqualTo(30);
        assertThat(repaired.json().path("turns").asInt()).isEqualTo(2);

        api.fake().script(Reply.text("{\"temperature\": \"hot\"}"), Reply.text("{\"temp\": 1}"));
        Response failed =
                api.post("/api/v1/agents/" + agent + "/invoke", org.member(), Map.of("input", Map.of("city", "Oslo")));
        assertThat(failed.status()).as(failed.body()).isEqualTo(422);
        assertThat(failed.code()).isEqualTo("output_invalid");
        assertThat(failed.body()).contains("temperature");
    }
}
