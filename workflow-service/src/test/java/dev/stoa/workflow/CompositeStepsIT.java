package dev.stoa.workflow;

import static dev.stoa.workflow.Flows.awaitStatus;
import static dev.stoa.workflow.Flows.execute;
import static dev.stoa.workflow.Flows.ok;
import static dev.stoa.workflow.Flows.step;
import static dev.stoa.workflow.Flows.uniqueName;
import static dev.stoa.workflow.Flows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** map over a list (per-item keys, order kept) and sub_workflow (child run, its output, cancel reaching it). */
@WorkflowServiceTest
class CompositeStepsIT {

    @Test
    void mapRunsTheInnerStepPerItem(TestHttp http) {
        String token = TestOrg.create().member();
        String tool = uniqueName("per-city");
        String wf = workflow(
                http,
                token,
                List.of(Map.of(
                        "id", "each",
                        "type", "map",
                        "items", "$.input.cities",
                        "concurrency", 2,
                        "step",
                                Map.of(
                                        "type",
                                        "tool",
                                        "tool",
                                        tool,
                                        "arguments",
                                        Map.of("city", "$.item", "index", "$.index")))));
        String run = execute(http, token, wf, Map.of("cities", List.of("Paris", "Oslo", "Lima", "Rome", "Kyiv")));
        JsonNode done = awaitStatus(http, token, run, "completed", "failed");
        JsonNode outputs = step(done, "each").path("output");
        assertThat(outputs.size()).isEqualTo(5);
        assertThat(outputs.path(2).path("args").path("city").asString()).isEqualTo("Lima");
        assertThat(outputs.path(4).path("args").path("index").asInt()).isEqualTo(4);
        assertThat(FakePeers.toolCalls(tool).stream().map(InvokeToolRequest::getIdempotencyKey))
                .containsExactlyInAnyOrder(
                        "wf:" + run + ":each:1:0",
                        "wf:" + run + ":each:1:1",
                        "wf:" + run + ":each:1:2",
                        "wf:" + run + ":each:1:3",
                        "wf:" + run + ":each:1:4");

        var badInner = http.post(
                "/api/v1/workflows",
                token,
                Map.of(
                        "name",
                        "bad map",
                        "definition",
                        Map.of(
                                "steps",
                                List.of(Map.of(
                                        "id",
                                        "m",
                                        "type",
                                        "map",
                                        "items",
                                        "$.input.x",
                                        "step",
                                        Map.of("type", "tool"))))));
        assertThat(badInner.status()).isEqualTo(400);
        assertThat(badInner.field()).isEqualTo("definition.steps[0].step.tool");
    }

    @Test
    void aSubWorkflowRunsAsAChildRunAndHandsBackItsOutput(TestHttp http) {
        String token = TestOrg.create().member();
        String tool = uniqueName("child");
        String child = workflow(
                http,
                token,
                List.of(Map.of("id", "work", "type", "tool", "tool", tool, "arguments", Map.of("x", "$.input.x"))));
        String parent = workflow(
                http,
                token,
                List.of(
                        Map.of(
                                "id",
                                "sub",
                                "type",
                                "sub_workflow",
                                "workflow_id",
                                child,
                                "input",
                                Map.of("x", "$.input.v")),
                        Map.of(
                                "id",
                                "after",
                                "type",
                                "tool",
                                "tool",
                                tool + "-after",
                                "needs",
                                List.of("sub"),
                                "arguments",
                                Map.of("got", "$.steps.sub.output.work.args.x"))));
        String run = execute(http, token, parent, Map.of("v", 42));
        JsonNode done = awaitStatus(http, token, run, "completed", "failed");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(step(done, "after").path("output").path("args").path("got").asInt())
                .isEqualTo(42);
        JsonNode childRuns =
                ok(http.get("/api/v1/workflows/" + child + "/runs", token)).path("data");
        assertThat(childRuns.size()).isEqualTo(1);
        assertThat(childRuns.path(0).path("status").asString()).isEqualTo("completed");

        // cancelling a parent cancels the child waiting inside it
        String waitingChild = workflow(
                http, token, List.of(Map.of("id", "ask", "type", "human_input", "form", Map.of("type", "object"))));
        String outer = workflow(
                http, token, List.of(Map.of("id", "sub", "type", "sub_workflow", "workflow_id", waitingChild)));
        String outerRun = execute(http, token, outer, Map.of());
        JsonNode inner = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(
                        () -> ok(http.get("/api/v1/workflows/" + waitingChild + "/runs?status=waiting", token))
                                .path("data"),
                        data -> data.size() == 1);
        ok(http.post("/api/v1/workflows/" + outer + "/runs/" + outerRun + "/cancel", token, null));
        String innerRun = inner.path(0).path("id").asString();
        assertThat(awaitStatus(http, token, innerRun, "cancelled")
                        .path("status")
                        .asString())
                .isEqualTo("cancelled");

        // a child workflow that does not exist fails the step
        String broken = workflow(
                http, token, List.of(Map.of("id", "sub", "type", "sub_workflow", "workflow_id", "wf_missing")));
        JsonNode failed = awaitStatus(http, token, execute(http, token, broken, Map.of()), "failed");
        assertThat(failed.path("error").asString()).contains("wf_missing");
    }
}
