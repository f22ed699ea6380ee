package dev.stoa.workflow;

import static dev.stoa.workflow.Flows.awaitStatus;
import static dev.stoa.workflow.Flows.execute;
import static dev.stoa.workflow.Flows.ok;
import static dev.stoa.workflow.Flows.step;
import static dev.stoa.workflow.Flows.uniqueName;
import static dev.stoa.workflow.Flows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replicas stopping and sharing a database (each test on a database of its own, with its own replicas): a run
 * continues after its replica stops mid-step, completed steps never run again, the interrupted step runs once more
 * under the same key; a waitpoint survives restarts; two replicas run every step of many fan-out runs exactly once.
 */
@WorkflowServiceTest
class ReliabilityIT {

    @Test
    void aRunContinuesOnANewReplicaAfterItsReplicaStopsMidStep() {
        StoaPostgres.Database db = StoaPostgres.freshDatabase("workflow");
        String token = TestOrg.create().member();
        String agent = uniqueName("held");
        String tool = uniqueName("restart");
        FakePeers.hold(agent);
        String wf;
        String run;
        try (Replica first = Replica.start(db)) {
            wf = workflow(
                    first.http,
                    token,
                    List.of(
                            Map.of("id", "fetch", "type", "tool", "tool", tool + "-fetch"),
                            Map.of(
                                    "id",
                                    "think",
                                    "type",
                                    "agent",
                                    "agent_id",
                                    agent,
                                    "message",
                                    "$.steps.fetch.output.tool",
                                    "needs",
                                    List.of("fetch")),
                            Map.of("id", "store", "type", "tool", "tool", tool + "-store", "needs", List.of("think")),
                            Map.of(
                                    "id",
                                    "approve",
                                    "type",
                                    "human_input",
                                    "needs",
                                    List.of("store"),
                                    "form",
                                    Map.of("type", "object", "required", List.of("ok")))));
            run = execute(first.http, token, wf, Map.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> FakePeers.turns(agent).size() == 1);
        } finally {
            // the replica is gone with the turn in flight; the next one's turn answers at once
            FakePeers.release(agent);
        }
        try (Replica second = Replica.start(db)) {
            JsonNode waiting = awaitStatus(second.http, token, run, "waiting");
            assertThat(step(waiting, "store").path("status").asString()).isEqualTo("completed");
            assertThat(step(waiting, "think").path("attempt").asInt()).isEqualTo(1);
            // the completed step did not run again; the interrupted one ran once more, under the same key
            assertThat(FakePeers.toolCalls(tool + "-fetch")).hasSize(1);
            assertThat(FakePeers.turns(agent).stream().map(RunTurnRequest::getIdempotencyKey))
                    .containsExactly("wf:" + run + ":think:1", "wf:" + run + ":think:1");
            assertThat(FakePeers.toolCalls(tool + "-store")).hasSize(1);
        }
        // the waitpoint survives another restart and resumes on input after it
        try (Replica third = Replica.start(db)) {
            assertThat(ok(third.http.get("/api/v1/task-runs/" + run, token))
                            .path("status")
                            .asString())
                    .isEqualTo("waiting");
            ok(third.http.post(
                    "/api/v1/workflows/" + wf + "/human-input",
                    token,
                    Map.of("run_id", run, "step_id", "approve", "input", Map.of("ok", true))));
            JsonNode done = awaitStatus(third.http, token, run, "completed");
            assertThat(done.path("output").path("approve").path("ok").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void twoReplicasOnOneDatabaseRunEveryStepOfManyFanOutRunsOnce() {
        int runs = 200;
        StoaPostgres.Database db = StoaPostgres.freshDatabase("workflow");
        String token = TestOrg.create().member();
        String tool = uniqueName("fan");
        try (Replica a = Replica.start(db);
                Replica b = Replica.start(db)) {
            String wf = workflow(
                    a.http,
                    token,
                    List.of(
                            Map.of("id", "split", "type", "tool", "tool", tool),
                            Map.of("id", "left", "type", "tool", "tool", tool, "needs", List.of("split")),
                            Map.of("id", "middle", "type", "tool", "tool", tool, "needs", List.of("split")),
                            Map.of("id", "right", "type", "tool", "tool", tool, "needs", List.of("split")),
                            Map.of("id", "join", "type", "parallel", "needs", List.of("left", "middle", "right")),
                            Map.of(
                                    "id",
                                    "report",
                                    "type",
                                    "tool",
                                    "tool",
                                    tool,
                                    "needs",
                                    List.of("join"),
                                    "arguments",
                                    Map.of("left", "$.steps.join.output.left.tool"))));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ids.add(execute(i % 2 == 0 ? a.http : b.http, token, wf, Map.of("i", i)));
            }
            OffsetDateTime first = null;
            OffsetDateTime last = null;
            for (int i = 0; i < runs; i++) {
                JsonNode done = awaitStatus(i % 2 == 0 ? b.http : a.http, token, ids.get(i), "completed", "failed");
                assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
                OffsetDateTime created =
                        OffsetDateTime.parse(done.path("created_at").asString());
                OffsetDateTime finished =
                        OffsetDateTime.parse(done.path("finished_at").asString());
                first = first == null || created.isBefore(first) ? created : first;
                last = last == null || finished.isAfter(last) ? finished : last;
            }
            // the engine's span: first run created to last run finished (the test client's polling excluded)
            double seconds = Duration.between(first, last).toMillis() / 1000.0;
            System.out.printf(
                    "two replicas: %d runs of 6 steps (%d step executions) from first start to last finish in %.1f s:"
                            + " %.0f steps/s%n",
                    runs, runs * 6, seconds, runs * 6 / seconds);
            Map<String, Long> calls = FakePeers.toolCalls(tool).stream()
                    .collect(Collectors.groupingBy(InvokeToolRequest::getIdempotencyKey, Collectors.counting()));
            assertThat(calls).hasSize(runs * 5);
            assertThat(calls.values()).allMatch(n -> n == 1);
        }
    }
}
