package dev.stoa.workflow;

import static dev.stoa.workflow.Flows.awaitStatus;
import static dev.stoa.workflow.Flows.created;
import static dev.stoa.workflow.Flows.execute;
import static dev.stoa.workflow.Flows.ok;
import static dev.stoa.workflow.Flows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Definitions: CRUD, versions, the published schema, graph rules, bad input and other orgs' ids. */
@WorkflowServiceTest
class WorkflowsIT {

    @Test
    void createReadUpdateAsNewVersionAndDelete(TestHttp http) {
        String token = TestOrg.create().member();
        List<Map<String, Object>> v1 = List.of(Map.of("id", "a", "type", "tool", "tool", "t1"));
        JsonNode wf = created(
                http.post("/api/v1/workflows", token, Map.of("name", "first", "definition", Map.of("steps", v1))));
        String id = wf.path("id").asString();
        assertThat(wf.path("version").asInt()).isEqualTo(1);
        assertThat(ok(http.get("/api/v1/workflows/" + id, token))
                        .path("definition")
                        .path("steps")
                        .path(0)
                        .path("tool")
                        .asString())
                .isEqualTo("t1");

        // a rename keeps the version; a new DAG is the next one
        assertThat(ok(http.patch("/api/v1/workflows/" + id, token, Map.of("name", "renamed")))
                        .path("version")
                        .asInt())
                .isEqualTo(1);
        List<Map<String, Object>> v2 = List.of(Map.of("id", "a", "type", "tool", "tool", "t2"));
        JsonNode updated = ok(http.patch("/api/v1/workflows/" + id, token, Map.of("definition", Map.of("steps", v2))));
        assertThat(updated.path("version").asInt()).isEqualTo(2);
        assertThat(updated.path("name").asString()).isEqualTo("renamed");

        JsonNode page = ok(http.get("/api/v1/workflows?limit=10", token));
        assertThat(page.path("data").findValuesAsString("id")).contains(id);

        assertThat(http.delete("/api/v1/workflows/" + id, token).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/workflows/" + id, token).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/workflows/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void theSchemaIsPublished(TestHttp http) {
        JsonNode schema =
                ok(http.get("/api/v1/workflows/schema", TestOrg.create().viewer()));
        assertThat(schema.path("$schema").asString()).contains("2020-12");
        assertThat(schema.path("$defs")
                        .path("step")
                        .path("properties")
                        .path("type")
                        .path("enum")
                        .toString())
                .contains("human_input");
    }

    @Test
    void graphRulesNameTheStepAndRule(TestHttp http) {
        String token = TestOrg.create().member();
        var cycle = http.post(
                "/api/v1/workflows",
                token,
                Map.of(
                        "name",
                        "cyclic",
                        "definition",
                        Map.of(
                                "steps",
                                List.of(
                                        Map.of("id", "a", "type", "tool", "tool", "t", "needs", List.of("b")),
                                        Map.of("id", "b", "type", "tool", "tool", "t", "needs", List.of("a"))))));
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.json().path("detail").asString()).contains("'a'").contains("acyclic");
        assertThat(cycle.field()).isEqualTo("definition.steps[0].needs");

        var dangling = http.post(
                "/api/v1/workflows",
                token,
                Map.of(
                        "name",
                        "dangling",
                        "definition",
                        Map.of(
                                "steps",
                                List.of(Map.of("id", "a", "type", "tool", "tool", "t", "needs", List.of("ghost"))))));
        assertThat(dangling.status()).isEqualTo(422);
        assertThat(dangling.json().path("detail").asString())
                .contains("dangling_reference")
                .contains("ghost");

        var branch = http.post(
                "/api/v1/workflows",
                token,
                Map.of(
                        "name",
                        "branch",
                        "definition",
                        Map.of(
                                "steps",
                                List.of(
                                        Map.of(
                                                "id", "c",
                                                "type", "condition",
                                                "expression", "$.input.x",
                                                "branches", Map.of("true", "b")),
                                        Map.of("id", "b", "type", "tool", "tool", "t")))));
        assertThat(branch.status()).isEqualTo(422);
        assertThat(branch.json().path("detail").asString()).contains("branch_target_needs_step");
    }

    @Test
    void badInputIsA400NamingTheField(TestHttp http) {
        String token = TestOrg.create().member();
        var unknownType = http.post(
                "/api/v1/workflows",
                token,
                Map.of("name", "x", "definition", Map.of("steps", List.of(Map.of("id", "a", "type", "teleport")))));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownType.field()).isEqualTo("definition.steps[0].type");

        var missingTool = http.post(
                "/api/v1/workflows",
                token,
                Map.of("name", "x", "definition", Map.of("steps", List.of(Map.of("id", "a", "type", "tool")))));
        assertThat(missingTool.status()).isEqualTo(400);
        assertThat(missingTool.field()).isEqualTo("definition.steps[0].tool");

        var noName = http.post("/api/v1/workflows", token, Map.of("definition", Map.of("steps", List.of())));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.field()).isEqualTo("name");

        String wf = workflow(http, token, List.of(Map.of("id", "a", "type", "tool", "tool", "t")));
        var badStatus = http.get("/api/v1/workflows/" + wf + "/runs?status=bogus", token);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.field()).isEqualTo("status");
    }

    @Test
    void anotherOrgsIdsAre404OnEveryResource(TestHttp http) {
        String mine = TestOrg.create().member();
        String theirs = TestOrg.create().admin();
        String wf = workflow(
                http, mine, List.of(Map.of("id", "ask", "type", "human_input", "form", Map.of("type", "object"))));
        String run = execute(http, mine, wf, Map.of());
        awaitStatus(http, mine, run, "waiting");

        assertThat(http.get("/api/v1/workflows/" + wf, theirs).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/workflows/" + wf, theirs, Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/workflows/" + wf, theirs).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/workflows/" + wf + "/execute", theirs, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/workflows/" + wf + "/runs", theirs).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/task-runs/" + run, theirs).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/workflows/" + wf + "/runs/" + run + "/cancel", theirs, null)
                        .status())
                .isEqualTo(404);
        assertThat(http.post(
                                "/api/v1/workflows/" + wf + "/human-input",
                                theirs,
                                Map.of("run_id", run, "step_id", "ask", "input", Map.of()))
                        .status())
                .isEqualTo(404);
        // and the run is still waiting for its own org
        assertThat(ok(http.get("/api/v1/task-runs/" + run, mine)).path("status").asString())
                .isEqualTo("waiting");
    }
}
