package dev.stoa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Datasets and cases through the REST API: versions, import/export, limits, bad input and another org. */
@EvalServiceTest
class DatasetsIT {
    private static final Map<String, String> NDJSON = Map.of("Content-Type", "application/x-ndjson");

    @Test
    void everyCaseChangeMakesAVersionAndOldVersionsStayReadable(TestHttp http) {
        String token = TestOrg.create().member();
        String id = dataset(http, token, "faq");
        assertThat(ok(http.get("/api/v1/evals/datasets/" + id, token))
                        .path("version")
                        .asInt())
                .isEqualTo(1);

        JsonNode first = created(http.post(
                "/api/v1/evals/datasets/" + id + "/cases",
                token,
                Map.of(
                        "input",
                        "What is 2+2?",
                        "expected",
                        "4",
                        "context",
                        Map.of("tone", "short"),
                        "scorers",
                        List.of(Map.of("type", "contains")))));
        assertThat(first.path("version").asInt()).isEqualTo(2);
        created(http.post(
                "/api/v1/evals/datasets/" + id + "/cases",
                token,
                Map.of("input_json", Map.of("a", 1), "expected", "{\"b\":2}")));
        String caseId = first.path("id").asString();
        JsonNode updated =
                ok(http.patch("/api/v1/evals/cases/" + caseId, token, Map.of("input", "2+2?", "expected", "four")));
        assertThat(updated.path("version").asInt()).isEqualTo(4);
        assertThat(http.delete("/api/v1/evals/cases/" + caseId, token).status()).isEqualTo(204);

        JsonNode dataset = ok(http.get("/api/v1/evals/datasets/" + id, token));
        assertThat(dataset.path("version").asInt()).isEqualTo(5);
        assertThat(dataset.path("case_count").asInt()).isEqualTo(1);
        assertThat(inputs(http, token, id, 2)).containsExactly("What is 2+2?");
        assertThat(inputs(http, token, id, 3)).containsExactly("What is 2+2?", null);
        assertThat(inputs(http, token, id, 4)).containsExactly("2+2?", null);
        assertThat(inputs(http, token, id, 5)).containsExactly((String) null);
        JsonNode v2 = ok(http.get("/api/v1/evals/datasets/" + id + "/cases?version=2", token))
                .path("data")
                .path(0);
        assertThat(v2.path("context").path("tone").asString()).isEqualTo("short");
        assertThat(v2.path("scorers").path(0).path("type").asString()).isEqualTo("contains");

        assertThat(http.get("/api/v1/evals/datasets/" + id + "/cases?version=6", token)
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/evals/datasets/" + id + "/cases?version=0", token)
                        .status())
                .isEqualTo(404);
        assertThat(http.patch("/api/v1/evals/cases/" + caseId, token, Map.of("input", "x"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void importsAllOrNothingAndExportsWhatImportsBack(TestHttp http) {
        String token = TestOrg.create().member();
        String id = dataset(http, token, "bulk");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            jsonl.append("{\"input\":\"q")
                    .append(i)
                    .append("\",\"expected\":\"a")
                    .append(i)
                    .append("\"}\n");
        }
        JsonNode imported = ok(
                http.send("POST", "/api/v1/evals/datasets/" + id + "/cases:import", token, jsonl.toString(), NDJSON));
        assertThat(imported.path("version").asInt()).isEqualTo(2);
        assertThat(imported.path("case_count").asInt()).isEqualTo(30);

        // line 3 is bad: nothing of the body is imported, the 422 names the line and field
        String bad = "{\"input\":\"ok\"}\n{\"input\":\"ok too\"}\n{\"expected\":\"no input\"}\n";
        TestHttp.Response refused =
                http.send("POST", "/api/v1/evals/datasets/" + id + "/cases:import", token, bad, NDJSON);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.field()).isEqualTo("line[3].input");
        String badRegex = "{\"input\":\"x\",\"scorers\":[{\"type\":\"regex\",\"pattern\":\"(\"}]}\n";
        TestHttp.Response regex =
                http.send("POST", "/api/v1/evals/datasets/" + id + "/cases:import", token, badRegex, NDJSON);
        assertThat(regex.status()).isEqualTo(422);
        assertThat(regex.field()).isEqualTo("line[1].scorers[0].pattern");
        TestHttp.Response unknown = http.send(
                "POST",
                "/api/v1/evals/datasets/" + id + "/cases:import",
                token,
                "{\"input\":\"x\",\"id\":\"y\"}",
                NDJSON);
        assertThat(unknown.field()).isEqualTo("line[1].id");
        assertThat(ok(http.get("/api/v1/evals/datasets/" + id, token))
                        .path("version")
                        .asInt())
                .isEqualTo(2);

        TestHttp.Response export = http.get("/api/v1/evals/datasets/" + id + "/cases:export", token);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(30);
        assertThat(lines.getFirst()).isEqualTo("{\"input\":\"q0\",\"expected\":\"a0\",\"scorers\":[]}");
        String copy = dataset(http, token, "copy");
        ok(http.send("POST", "/api/v1/evals/datasets/" + copy + "/cases:import", token, export.body(), NDJSON));
        assertThat(http.get("/api/v1/evals/datasets/" + copy + "/cases:export", token)
                        .body())
                .isEqualTo(export.body());

        // paging in dataset order
        JsonNode page = ok(http.get("/api/v1/evals/datasets/" + id + "/cases?limit=20", token));
        assertThat(page.path("data").size()).isEqualTo(20);
        JsonNode rest = ok(http.get(
                "/api/v1/evals/datasets/" + id + "/cases?limit=20&cursor="
                        + page.path("next_cursor").asString(),
                token));
        assertThat(rest.path("data").size()).isEqualTo(10);
        assertThat(rest.path("data").path(0).path("input").asString()).isEqualTo("q20");
        assertThat(rest.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void refusesBadCasesNamingTheField(TestHttp http) {
        String token = TestOrg.create().member();
        String id = dataset(http, token, "bad");
        String cases = "/api/v1/evals/datasets/" + id + "/cases";
        assertField(http.post(cases, token, Map.of("expected", "x")), "input");
        assertField(http.post(cases, token, Map.of("input", "x", "input_json", Map.of())), "input");
        assertField(http.post(cases, token, Map.of("input", "x".repeat(32 * 1024 + 1))), "input");
        assertField(http.post(cases, token, Map.of("input_json", List.of(1))), "input_json");
        assertField(http.post(cases, token, Map.of("input", "x", "context", "text")), "context");
        assertField(
                http.post(cases, token, Map.of("input", "x", "scorers", List.of(Map.of("type", "psychic")))),
                "scorers[0].type");
        assertField(
                http.post(cases, token, Map.of("input", "x", "scorers", List.of(Map.of("type", "cost_budget")))),
                "scorers[0].max_cost_micros");
        assertField(
                http.post(
                        cases,
                        token,
                        Map.of(
                                "input",
                                "x",
                                "scorers",
                                List.of(Map.of("type", "semantic_similarity", "threshold", 2)))),
                "scorers[0].threshold");
        assertField(
                http.post(
                        cases,
                        token,
                        Map.of("input", "x", "scorers", List.of(Map.of("type", "json_schema", "schema", "no")))),
                "scorers[0].schema");
        assertField(
                http.post(cases, token, Map.of("input", "x", "scorers", List.of(Map.of("type", "llm_judge")))),
                "scorers[0].rubric");
        assertField(http.post("/api/v1/evals/datasets", token, Map.of("name", "")), "name");
        assertThat(http.post(cases, TestOrg.create().viewer(), Map.of("input", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(ok(http.get("/api/v1/evals/datasets/" + id, token))
                        .path("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void anotherOrgsDatasetsAndCasesAreNotFound(TestHttp http) {
        String mine = TestOrg.create().member();
        String theirs = TestOrg.create().admin();
        String id = dataset(http, mine, "private");
        String caseId = created(
                        http.post("/api/v1/evals/datasets/" + id + "/cases", mine, Map.of("input", "secret question")))
                .path("id")
                .asString();
        assertThat(http.get("/api/v1/evals/datasets/" + id, theirs).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/evals/datasets/" + id + "/cases", theirs).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/evals/datasets/" + id + "/cases:export", theirs)
                        .status())
                .isEqualTo(404);
        assertThat(http.patch("/api/v1/evals/datasets/" + id, theirs, Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/evals/datasets/" + id + "/cases", theirs, Map.of("input", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(http.send(
                                "POST",
                                "/api/v1/evals/datasets/" + id + "/cases:import",
                                theirs,
                                "{\"input\":\"x\"}",
                                NDJSON)
                        .status())
                .isEqualTo(404);
        assertThat(http.patch("/api/v1/evals/cases/" + caseId, theirs, Map.of("input", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/evals/cases/" + caseId, theirs).status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/evals/datasets/" + id, theirs).status()).isEqualTo(404);
        assertThat(ok(http.get("/api/v1/evals/datasets", theirs)).path("data").size())
                .isZero();
        assertThat(ok(http.get("/api/v1/evals/datasets/" + id, mine))
                        .path("case_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.delete("/api/v1/evals/datasets/" + id, mine).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/evals/datasets/" + id, mine).status()).isEqualTo(404);
    }

    static String dataset(TestHttp http, String token, String name) {
        return created(http.post("/api/v1/evals/datasets", token, Map.of("name", name)))
                .path("id")
                .asString();
    }

    static JsonNode created(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static JsonNode ok(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static void assertField(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }

    private static List<String> inputs(TestHttp http, String token, String id, int version) {
        List<String> inputs = new ArrayList<>();
        ok(http.get("/api/v1/evals/datasets/" + id + "/cases?version=" + version, token))
                .path("data")
                .forEach(c ->
                        inputs.add(c.path("input").isString() ? c.path("input").asString() : null));
        return inputs;
    }
}
