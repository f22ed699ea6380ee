package dev.stoa.workflow;

import static dev.stoa.workflow.Flows.awaitStatus;
import static dev.stoa.workflow.Flows.execute;
import static dev.stoa.workflow.Flows.ok;
import static dev.stoa.workflow.Flows.step;
import static dev.stoa.workflow.Flows.uniqueName;
import static dev.stoa.workflow.Flows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Runs through fakes of chat and the tool router: branches, human input, retries, cancel, expiry, versions. */
@WorkflowServiceTest
class RunsIT {

    /** agent turn → condition on its answer → tool (the branch taken) → human input → tool using everything. */
    static List<Map<String, Object>> approvalFlow(String agent, String tool) {
        return List.of(
                Map.of(
                        "id",
                        "ask",
                        "type",
                        "agent",
                        "agent_id",
                        agent,
                        "agent_version",
                        3,
                        "message",
                        "$.input.question"),
                Map.of(
                        "id", "check",
                        "type", "condition",
                        "needs", List.of("ask"),
                        "expression", "$.steps.ask.output.message",
                        "equals", "yes",
                        "branches", Map.of("true", "act", "false", "refuse")),
                Map.of(
                        "id",
                        "act",
                        "type",
                        "tool",
                        "needs",
                        List.of("check"),
                        "tool",
                        tool,
                        "arguments",
                        Map.of("answer", "$.steps.ask.output.message", "city", "$.input.city")),
                Map.of("id", "refuse", "type", "tool", "needs", List.of("check"), "tool", tool + "-refuse"),
                Map.of(
                        "id",
                        "approve",
                        "type",
                        "human_input",
                        "needs",
                        List.of("act", "refuse"),
                        "form",
                        Map.of(
                                "type", "object",
                                "required", List.of("approved"),
                                "properties", Map.of("approved", Map.of("type", "boolean")))),
                Map.of(
                        "id",
                        "finish",
                        "type",
                        "tool",
                        "needs",
                        List.of("approve"),
                        "tool",
                        tool + "-finish",
                        "arguments",
                        Map.of("approved", "$.steps.approve.output.approved")));
    }

    @Test
    void agentBranchToolHumanInputAndFinish(TestHttp http) {
        TestOrg org = TestOrg.create();
        String token = org.member();
        String agent = uniqueName("agent");
        String tool = uniqueName("tool");
        FakePeers.SCRIPTS.put(agent, message -> message.contains("ship") ? "yes" : "no");
        String wf = workflow(http, token, approvalFlow(agent, tool));
        String run = execute(http, token, wf, Map.of("question", "ship it?", "city", "Paris"));

        JsonNode waiting = awaitStatus(http, token, run, "waiting");
        assertThat(step(waiting, "ask").path("output").path("message").asString())
                .isEqualTo("yes");
        assertThat(step(waiting, "check").path("branch").asString()).isEqualTo("true");
        assertThat(step(waiting, "act").path("status").asString()).isEqualTo("completed");
        assertThat(step(waiting, "act").path("output").path("args").path("city").asString())
                .isEqualTo("Paris");
        assertThat(step(waiting, "refuse").path("status").asString()).isEqualTo("skipped");
        assertThat(step(waiting, "approve").path("status").asString()).isEqualTo("waiting");
        assertThat(step(waiting, "approve").path("expires_at").isNull()).isFalse();

        // the agent turn ran as the org, on the pinned agent version, with the attempt's key
        RunTurnRequest turn = FakePeers.turns(agent).getFirst();
        assertThat(turn.getOrgId()).isEqualTo(org.id());
        assertThat(turn.getAgentVersion()).isEqualTo(3);
        assertThat(turn.getMessage()).isEqualTo("ship it?");
        assertThat(turn.getIdempotencyKey()).isEqualTo("wf:" + run + ":ask:1");
        assertThat(FakePeers.toolCalls(tool + "-refuse")).isEmpty();

        // listed among the waiting runs
        JsonNode listed = ok(http.get("/api/v1/workflows/" + wf + "/runs?status=waiting", token));
        assertThat(listed.path("data").findValuesAsString("id")).containsExactly(run);

        // input against the form: 422 naming the field, nothing changes
        var bad = http.post(
                "/api/v1/workflows/" + wf + "/human-input",
                token,
                Map.of("run_id", run, "step_id", "approve", "input", Map.of("approved", "sure")));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.field()).isEqualTo("input.approved");
        var missing = http.post(
                "/api/v1/workflows/" + wf + "/human-input",
                token,
                Map.of("run_id", run, "step_id", "approve", "input", Map.of()));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.field()).isEqualTo("input.approved");
        assertThat(ok(http.get("/api/v1/task-runs/" + run, token))
                        .path("status")
                        .asString())
                .isEqualTo("waiting");

        // not waiting there: 409
        var wrongStep = http.post(
                "/api/v1/workflows/" + wf + "/human-input",
                token,
                Map.of("run_id", run, "step_id", "act", "input", Map.of("approved", true)));
        assertThat(wrongStep.status()).isEqualTo(400);
        assertThat(wrongStep.field()).isEqualTo("step_id");

        JsonNode resumed = ok(http.post(
                "/api/v1/workflows/" + wf + "/human-input",
                token,
                Map.of("run_id", run, "step_id", "approve", "input", Map.of("approved", true))));
        assertThat(step(resumed, "approve").path("status").asString()).isEqualTo("completed");
        JsonNode done = awaitStatus(http, token, run, "completed");
        assertThat(done.path("output")
                        .path("finish")
                        .path("args")
                        .path("approved")
                        .asBoolean())
                .isTrue();
        assertThat(done.path("finished_at").isNull()).isFalse();

        var again = http.post(
                "/api/v1/workflows/" + wf + "/human-input",
                token,
                Map.of("run_id", run, "step_id", "approve", "input", Map.of("approved", false)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("run_not_waiting");
    }

    @Test
    void aFailingStepIsRetriedWithBackOffUnderNewKeys(TestHttp http) {
        String token = TestOrg.create().member();
        String tool = uniqueName("flaky");
        FakePeers.FAILING.put(tool, new AtomicInteger(2));
        String wf = workflow(
                http,
                token,
                List.of(Map.of(
                        "id",
                        "call",
                        "type",
                        "tool",
                        "tool",
                        tool,
                        "retry",
                        Map.of("max_attempts", 3, "backoff_ms", 200, "multiplier", 2))));
        String run = execute(http, token, wf, Map.of());
        JsonNode done = awaitStatus(http, token, run, "completed", "failed");
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(step(done, "call").path("attempt").asInt()).isEqualTo(3);
        assertThat(FakePeers.toolCalls(tool).stream().map(InvokeToolRequest::getIdempotencyKey))
                .containsExactly("wf:" + run + ":call:1", "wf:" + run + ":call:2", "wf:" + run + ":call:3");

        // out of attempts: the run fails naming the step
        String hopeless = uniqueName("hopeless");
        FakePeers.FAILING.put(hopeless, new AtomicInteger(100));
        String wf2 = workflow(
                http,
                token,
                List.of(
                        Map.of(
                                "id",
                                "call",
                                "type",
                                "tool",
                                "tool",
                                hopeless,
                                "retry",
                                Map.of("max_attempts", 2, "backoff_ms", 50)),
                        Map.of("id", "after", "type", "tool", "tool", hopeless, "needs", List.of("call"))));
        JsonNode failed = awaitStatus(http, token, execute(http, token, wf2, Map.of()), "failed", "completed");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).contains("call");
        assertThat(step(failed, "after").path("status").asString()).isEqualTo("cancelled");
        assertThat(FakePeers.toolCalls(hopeless)).hasSize(2);
    }

    @Test
    void cancelStopsTheRunningStep(TestHttp http) {
        String token = TestOrg.create().member();
        String agent = uniqueName("slow");
        FakePeers.hold(agent);
        try {
            String wf = workflow(
                    http,
                    token,
                    List.of(
                            Map.of("id", "think", "type", "agent", "agent_id", agent, "message", "hi"),
                            Map.of("id", "after", "type", "tool", "tool", "t", "needs", List.of("think"))));
            String run = execute(http, token, wf, Map.of());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> FakePeers.turns(agent).size() == 1);
            JsonNode cancelled = ok(http.post("/api/v1/workflows/" + wf + "/runs/" + run + "/cancel", token, null));
            assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
            assertThat(step(cancelled, "think").path("status").asString()).isEqualTo("cancelled");
            assertThat(step(cancelled, "after").path("status").asString()).isEqualTo("cancelled");
            var again = http.post("/api/v1/workflows/" + wf + "/runs/" + run + "/cancel", token, null);
            assertThat(again.status()).isEqualTo(409);
            FakePeers.release(agent);
            // the interrupted call's late outcome changes nothing
            await().pollDelay(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            assertThat(ok(http.get("/api/v1/task-runs/" + run, token))
                            .path("status")
                            .asString())
                    .isEqualTo("cancelled");
        } finally {
            FakePeers.release(agent);
        }
    }

    @Test
    void anExpiredWaitTakesTheNamedBranchAndDelaysWait(TestHttp http) {
        String token = TestOrg.create().member();
        String tool = uniqueName("expiry");
        String wf = workflow(
                http,
                token,
                List.of(
                        Map.of("id", "pause", "type", "delay", "seconds", 1),
                        Map.of(
                                "id",
                                "ask",
                                "type",
                                "human_input",
                                "needs",
                                List.of("pause"),
                                "form",
                                Map.of("type", "object"),
                                "expires_in_seconds",
                                1,
                                "branches",
                                Map.of("submitted", "go", "expired", "escalate")),
                        Map.of("id", "go", "type", "tool", "tool", tool + "-go", "needs", List.of("ask")),
                        Map.of("id", "escalate", "type", "tool", "tool", tool + "-escalate", "needs", List.of("ask"))));
        String run = execute(http, token, wf, Map.of());
        JsonNode done = awaitStatus(http, token, run, "completed", "failed");
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(step(done, "ask").path("branch").asString()).isEqualTo("expired");
        assertThat(step(done, "go").path("status").asString()).isEqualTo("skipped");
        assertThat(FakePeers.toolCalls(tool + "-escalate")).hasSize(1);
        JsonNode pause = step(done, "pause");
        assertThat(java.time.OffsetDateTime.parse(pause.path("finished_at").asString()))
                .isAfterOrEqualTo(
                        java.time.OffsetDateTime.parse(done.path("created_at").asString())
                                .plusSeconds(1));
    }

    @Test
    void aRunKeepsTheVersionItStartedOn(TestHttp http) {
        String token = TestOrg.create().member();
        String agent = uniqueName("pinned");
        String tool = uniqueName("pinned-tool");
        FakePeers.hold(agent);
        try {
            String wf = workflow(
                    http,
                    token,
                    List.of(
                            Map.of("id", "a", "type", "agent", "agent_id", agent, "message", "v1"),
                            Map.of("id", "b", "type", "tool", "tool", tool + "-v1", "needs", List.of("a"))));
            String run = execute(http, token, wf, Map.of());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> FakePeers.turns(agent).size() == 1);
            ok(http.patch(
                    "/api/v1/workflows/" + wf,
                    token,
                    Map.of(
                            "definition",
                            Map.of("steps", List.of(Map.of("id", "a", "type", "tool", "tool", tool + "-v2"))))));
            FakePeers.release(agent);
            JsonNode done = awaitStatus(http, token, run, "completed");
            assertThat(done.path("workflow_version").asInt()).isEqualTo(1);
            assertThat(FakePeers.toolCalls(tool + "-v1")).hasSize(1);
            assertThat(FakePeers.toolCalls(tool + "-v2")).isEmpty();
            String run2 = execute(http, token, wf, Map.of());
            assertThat(awaitStatus(http, token, run2, "completed")
                            .path("workflow_version")
                            .asInt())
                    .isEqualTo(2);
        } finally {
            FakePeers.release(agent);
        }
    }
}
