package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Evals end to end through the gateway: a 30-case dataset, two versions of an agent whose fake model is scripted per
 * version (the careful version adds correctly, the hasty one only now and then), runs executed as chat turns, and the
 * comparison: the careful version is better with a significant p-value, two runs of one version differ in nothing.
 */
class EvalEndToEndIT {
    private static final String CAREFUL = EvalModel.CAREFUL;
    private static final int CASES = 30;

    static TestHttp http;
    static FakeProvider model;

    @BeforeAll
    static void start() throws Exception {
        SharedPlatform.get();
        http = SharedPlatform.http();
        model = FakeProvider.start();
        model.script(Reply.text("?")).respondTo(EvalModel::answer);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void twoVersionsRunOverADatasetAndTheComparisonFindsTheBetterOne() {
        // given an agent with a hasty version 1 and a careful version 2 (the same provider's careful model)
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String provider = EvalModel.providerOf(http, owner, agent);
        TestHttp.Response careful = http.patch(
                "/api/v1/agents/" + agent, owner, Map.of("model", Map.of("provider_id", provider, "model", CAREFUL)));
        assertThat(careful.status()).as(careful.body()).isEqualTo(200);
        assertThat(careful.json().path("version").asInt()).isEqualTo(2);

        // and a dataset of 30 sums, imported as JSONL
        String dataset = http.post("/api/v1/evals/datasets", owner, Map.of("name", "sums"))
                .json()
                .path("id")
                .asString();
        String jsonl = IntStream.range(0, CASES)
                .mapToObj(i -> "{\"input\":\"What is %d + %d?\",\"expected\":\"%d\"}".formatted(i, 7, i + 7))
                .collect(Collectors.joining("\n"));
        TestHttp.Response imported = http.send(
                "POST",
                "/api/v1/evals/datasets/" + dataset + "/cases:import",
                owner,
                jsonl,
                Map.of("Content-Type", "application/x-ndjson"));
        assertThat(imported.status()).as(imported.body()).isIn(200, 201);

        // when each version runs over it, and version 2 once more
        String hasty = run(owner, dataset, agent, 1);
        String first = run(owner, dataset, agent, 2);
        String second = run(owner, dataset, agent, 2);

        // then every case ran as a turn and was scored
        JsonNode results = http.get("/api/v1/evals/runs/" + first + "/results?limit=100", owner)
                .json()
                .path("data");
        assertThat(results).hasSize(CASES);
        assertThat(results.findValuesAsString("status")).containsOnly("done");
        assertThat(results.findValuesAsString("turn_id")).doesNotContain("");

        // and the comparison finds version 2 better, significantly (McNemar: 20 discordant pairs, all one way)
        JsonNode better = compare(owner, hasty, first);
        JsonNode contains = scorer(better, "contains");
        assertThat(contains.path("passed_a").asInt()).isEqualTo(10);
        assertThat(contains.path("passed_b").asInt()).isEqualTo(CASES);
        assertThat(contains.path("mean_difference").asDouble()).isCloseTo(20.0 / 30, within());
        // exact two-sided binomial p of 20 successes in 20 trials at 1/2: 2 * 0.5^20
        assertThat(contains.path("p_value").asDouble()).isCloseTo(2 * Math.pow(0.5, 20), within());
        assertThat(better.path("pass_rate").path("pass_p_value").asDouble()).isLessThan(0.001);

        // and two runs of the same version differ in nothing
        JsonNode same = compare(owner, first, second);
        assertThat(scorer(same, "contains").path("mean_difference").asDouble()).isZero();
        assertThat(scorer(same, "contains").path("p_value").asDouble()).isEqualTo(1.0);
        assertThat(same.path("cases").findValuesAsString("changed")).doesNotContain("true");

        // and another org sees none of it
        String stranger = SharedPlatform.registerOwner(http);
        assertThat(http.get("/api/v1/evals/runs/" + first, stranger).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/evals/datasets/" + dataset, stranger).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/evals/runs/compare?run_a=" + hasty + "&run_b=" + first, stranger)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aTypedCaseRunsAsATypedTurnAndItsAnswerIsScoredAgainstASchema() {
        // given a typed agent (its input schema wants a city) and a case with typed input
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        TestHttp.Response schemas = http.patch(
                "/api/v1/agents/" + agent + "/schemas",
                owner,
                Map.of(
                        "input_schema",
                        Map.of(
                                "type", "object",
                                "required", List.of("city"),
                                "properties", Map.of("city", Map.of("type", "string")))));
        assertThat(schemas.status()).as(schemas.body()).isEqualTo(200);
        int version = http.get("/api/v1/agents/" + agent, owner)
                .json()
                .path("version")
                .asInt();
        String dataset = http.post("/api/v1/evals/datasets", owner, Map.of("name", "typed"))
                .json()
                .path("id")
                .asString();
        Map<String, Object> temperature = Map.of(
                "type",
                "object",
                "required",
                List.of("temperature"),
                "properties",
                Map.of("temperature", Map.of("type", "number")));
        TestHttp.Response added = http.post(
                "/api/v1/evals/datasets/" + dataset + "/cases",
                owner,
                Map.of(
                        "input_json",
                        Map.of("city", "Paris"),
                        "scorers",
                        List.of(Map.of("type", "json_schema", "schema", temperature))));
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        // when it runs
        TestHttp.Response created = http.post(
                "/api/v1/evals/runs",
                owner,
                Map.of("dataset_id", dataset, "agent_id", agent, "agent_versions", List.of(version)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String run = created.json().path("id").asString();
        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(http.get("/api/v1/evals/runs/" + run, owner)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("completed"));

        // then the model was asked for JSON about the typed input, and the JSON answer passed the schema
        JsonNode result = http.get("/api/v1/evals/runs/" + run + "/results", owner)
                .json()
                .path("data")
                .get(0);
        assertThat(result.path("status").asString()).as(result.toString()).isEqualTo("done");
        assertThat(result.path("passed").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("output").asString()).contains("21.5");
    }

    @Test
    void badRunsAreRefusedNamingTheField() {
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String dataset = http.post("/api/v1/evals/datasets", owner, Map.of("name", "one"))
                .json()
                .path("id")
                .asString();
        TestHttp.Response added = http.post(
                "/api/v1/evals/datasets/" + dataset + "/cases",
                owner,
                Map.of("input", "What is 1 + 7?", "expected", "8"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        TestHttp.Response noVersion = http.post(
                "/api/v1/evals/runs",
                owner,
                Map.of("dataset_id", dataset, "agent_id", agent, "agent_versions", List.of(7)));
        assertThat(noVersion.status()).as(noVersion.body()).isIn(404, 422);
        assertThat(noVersion.field()).startsWith("agent_versions");

        TestHttp.Response unknownDataset = http.post(
                "/api/v1/evals/runs",
                owner,
                Map.of("dataset_id", "ds_unknown", "agent_id", agent, "agent_versions", List.of(1)));
        assertThat(unknownDataset.status()).as(unknownDataset.body()).isIn(404, 422);

        TestHttp.Response malformed = http.send(
                "POST", "/api/v1/evals/runs", owner, "{\"dataset_id\":", Map.of("Content-Type", "application/json"));
        assertThat(malformed.status()).isEqualTo(400);
    }

    private static String run(String owner, String dataset, String agent, int version) {
        TestHttp.Response created = http.post(
                "/api/v1/evals/runs",
                owner,
                Map.of(
                        "dataset_id",
                        dataset,
                        "agent_id",
                        agent,
                        "agent_versions",
                        List.of(version),
                        "scorers",
                        List.of(Map.of("type", "contains")),
                        "concurrency",
                        4));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode run = http.get("/api/v1/evals/runs/" + id, owner).json();
                    assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("completed");
                });
        return id;
    }

    private static JsonNode compare(String owner, String a, String b) {
        TestHttp.Response compared = http.get("/api/v1/evals/runs/compare?run_a=" + a + "&run_b=" + b, owner);
        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        return compared.json();
    }

    private static JsonNode scorer(JsonNode comparison, String name) {
        List<JsonNode> found = new ArrayList<>();
        comparison.path("scorers").forEach(s -> {
            if (s.path("scorer").asString().equals(name)) {
                found.add(s);
            }
        });
        assertThat(found).as(comparison.toString()).hasSize(1);
        return found.getFirst();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
