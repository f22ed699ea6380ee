package dev.stoa.eval;

import static dev.stoa.eval.DatasetsIT.created;
import static dev.stoa.eval.DatasetsIT.dataset;
import static dev.stoa.eval.DatasetsIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.stoa.eval.domain.RunWorker;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Runs through fakes of chat and agent: side by side, compare, bad input, cancel, re-run failed, restart. */
@EvalServiceTest
class RunsIT {
    private static final Map<String, String> NDJSON = Map.of("Content-Type", "application/x-ndjson");
    private static final AtomicInteger AGENTS = new AtomicInteger();

    @Autowired
    RunWorker worker;

    @Test
    void twoVersionsSideBySideThenCompare(TestHttp http) {
        TestOrg org = TestOrg.create();
        String token = org.member();
        String agent = agent(2, (version, message) -> {
            int i = Integer.parseInt(message.substring(1));
            // version 2 answers every case right, version 1 one case in three
            return version == 2 || i % 3 == 0 ? "a" + i : "dunno";
        });
        String dataset = cases(http, token, 30, i -> "{\"input\":\"q" + i + "\",\"expected\":\"a" + i + "\"}");
        JsonNode run = created(http.post(
                "/api/v1/evals/runs",
                token,
                Map.of(
                        "dataset_id",
                        dataset,
                        "agent_id",
                        agent,
                        "agent_versions",
                        List.of(1, 2),
                        "scorers",
                        List.of(Map.of("type", "exact"), Map.of("type", "cost_budget", "max_cost_micros", 1000)),
                        "concurrency",
                        4)));
        assertThat(run.path("status").asString()).isEqualTo("queued");
        assertThat(run.path("total").asInt()).isEqualTo(60);
        String runId = run.path("id").asString();
        JsonNode finished = completed(http, token, runId);
        assertThat(finished.path("done").asInt()).isEqualTo(60);
        assertThat(finished.path("errors").asInt()).isZero();
        assertThat(finished.path("dataset_version").asInt()).isEqualTo(2);

        // every case once per version, pinned, service-scoped, with its own idempotency key
        List<RunTurnRequest> turns = FakePeers.turns(agent);
        assertThat(turns).hasSize(60);
        assertThat(turns.stream().map(RunTurnRequest::getIdempotencyKey).distinct())
                .hasSize(60);
        assertThat(turns).allMatch(t -> t.getOrgId().equals(org.id()));
        assertThat(turns.stream().map(RunTurnRequest::getAgentVersion).distinct())
                .containsExactlyInAnyOrder(1, 2);

        JsonNode page = ok(http.get("/api/v1/evals/runs/" + runId + "/results?limit=4", token));
        assertThat(page.path("data").size()).isEqualTo(4);
        JsonNode first = page.path("data").path(0);
        assertThat(first.path("agent_version").asInt()).isEqualTo(1);
        assertThat(first.path("status").asString()).isEqualTo("done");
        assertThat(first.path("passed").asBoolean()).isTrue(); // q0: 0 % 3 == 0
        assertThat(first.path("scores").path(0).path("reasoning").asString()).isNotEmpty();
        assertThat(page.path("data").path(2).path("passed").asBoolean()).isFalse(); // q1 on version 1
        assertThat(ok(http.get(
                                "/api/v1/evals/runs/" + runId + "/results?limit=100&cursor="
                                        + page.path("next_cursor").asString(),
                                token))
                        .path("data")
                        .size())
                .isEqualTo(56);

        // the side-by-side run compared with itself: version 1 against version 2
        JsonNode compare = ok(http.get("/api/v1/evals/runs/compare?run_a=" + runId + "&run_b=" + runId, token));
        assertThat(compare.path("version_a").asInt()).isEqualTo(1);
        assertThat(compare.path("version_b").asInt()).isEqualTo(2);
        JsonNode exact = scorer(compare, "exact");
        assertThat(exact.path("n").asInt()).isEqualTo(30);
        assertThat(exact.path("passed_a").asInt()).isEqualTo(10);
        assertThat(exact.path("passed_b").asInt()).isEqualTo(30);
        assertThat(exact.path("mean_difference").asDouble()).isCloseTo(20.0 / 30, within(1e-9));
        assertThat(exact.path("test").asString()).isEqualTo("mcnemar_exact");
        // 20 discordant pairs all one way: 2 * 0.5^20
        assertThat(exact.path("p_value").asDouble()).isCloseTo(2 * Math.pow(0.5, 20), within(1e-12));
        assertThat(exact.path("ci_low").asDouble()).isGreaterThan(0.4);
        assertThat(exact.path("ci_high").asDouble()).isLessThanOrEqualTo(0.9);
        assertThat(compare.path("pass_rate").path("p_value").asDouble()).isLessThan(0.001);
        assertThat(compare.path("cases").size()).isEqualTo(30);
        assertThat(compare.path("cases").path(1).path("changed").asBoolean()).isTrue();

        // two runs of the same version: no difference
        String same1 = startRun(http, token, dataset, agent, List.of(2));
        String same2 = startRun(http, token, dataset, agent, List.of(2));
        completed(http, token, same1);
        completed(http, token, same2);
        JsonNode none = ok(http.get("/api/v1/evals/runs/compare?run_a=" + same1 + "&run_b=" + same2, token));
        assertThat(scorer(none, "exact").path("mean_difference").asDouble()).isZero();
        assertThat(scorer(none, "exact").path("p_value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void refusesWhatDoesNotExistNamingTheField(TestHttp http) {
        TestOrg org = TestOrg.create();
        String token = org.member();
        String agent = agent(1, (v, m) -> "x");
        String dataset = cases(http, token, 2, i -> "{\"input\":\"q" + i + "\"}");
        Map<String, Object> base = Map.of("dataset_id", dataset, "agent_id", agent, "agent_versions", List.of(1));
        assertProblem(http.post("/api/v1/evals/runs", token, with(base, "dataset_id", "eds_nope")), 404, "dataset_id");
        assertProblem(http.post("/api/v1/evals/runs", token, with(base, "dataset_version", 9)), 404, "dataset_version");
        assertProblem(
                http.post("/api/v1/evals/runs", token, with(base, "agent_versions", List.of(1, 7))),
                404,
                "agent_versions[1]");
        assertProblem(http.post("/api/v1/evals/runs", token, with(base, "concurrency", 17)), 400, "concurrency");
        assertProblem(
                http.post("/api/v1/evals/runs", token, with(base, "scorers", List.of(Map.of("type", "nope")))),
                400,
                "scorers[0].type");
        Object judge = List.of(Map.of("type", "llm_judge", "rubric", "is it polite?"));
        assertProblem(http.post("/api/v1/evals/runs", token, with(base, "scorers", judge)), 422, "judge_model");
        Map<String, Object> missingProvider = with(base, "scorers", judge);
        missingProvider.put("judge_model", Map.of("provider_id", "prov_missing", "model", "m"));
        assertProblem(http.post("/api/v1/evals/runs", token, missingProvider), 422, "judge_model");

        // compare needs one dataset version
        String runA = startRun(http, token, dataset, agent, List.of(1));
        status(http.post("/api/v1/evals/datasets/" + dataset + "/cases", token, Map.of("input", "more")), 201);
        String runB = startRun(http, token, dataset, agent, List.of(1));
        assertProblem(http.get("/api/v1/evals/runs/compare?run_a=" + runA + "&run_b=" + runB, token), 422, "run_b");

        // another org sees none of it
        String theirs = TestOrg.create().admin();
        assertThat(http.get("/api/v1/evals/runs/" + runA, theirs).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/evals/runs/" + runA + "/results", theirs).status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/evals/runs/" + runA + "/cancel", theirs, null)
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/evals/runs/" + runA + "/rerun-failed", theirs, null)
                        .status())
                .isEqualTo(404);
        assertProblem(http.get("/api/v1/evals/runs/compare?run_a=" + runA + "&run_b=" + runA, theirs), 404, "run_a");
        assertProblem(http.post("/api/v1/evals/runs", theirs, base), 404, "dataset_id");
        assertThat(ok(http.get("/api/v1/evals/runs", theirs)).path("data").size())
                .isZero();
    }

    @Test
    void rerunsFailedCasesAsNewTurnsAndCancels(TestHttp http) {
        String token = TestOrg.create().member();
        String agent = agent(1, (v, m) -> "fine");
        String dataset = cases(http, token, 4, i -> "{\"input\":\"" + (i % 2 == 0 ? "FAIL " : "q") + i + "\"}");
        FakePeers.healed = false;
        String runId = startRun(http, token, dataset, agent, List.of(1));
        JsonNode done = completed(http, token, runId);
        assertThat(done.path("errors").asInt()).isEqualTo(2);
        JsonNode errorResult = ok(http.get("/api/v1/evals/runs/" + runId + "/results", token))
                .path("data")
                .path(0);
        assertThat(errorResult.path("status").asString()).isEqualTo("error");
        assertThat(errorResult.path("error").asString()).contains("provider_unavailable");

        FakePeers.healed = true;
        JsonNode rerun = ok(http.post("/api/v1/evals/runs/" + runId + "/rerun-failed", token, null));
        assertThat(rerun.path("status").asString()).isEqualTo("queued");
        assertThat(rerun.path("done").asInt()).isEqualTo(2);
        JsonNode healed = completed(http, token, runId);
        assertThat(healed.path("errors").asInt()).isZero();
        assertThat(healed.path("done").asInt()).isEqualTo(4);
        // the re-run cases ran as new turns (attempt 2), the others were not run again
        List<String> keys = FakePeers.turns(agent).stream()
                .map(RunTurnRequest::getIdempotencyKey)
                .toList();
        assertThat(keys).hasSize(6).doesNotHaveDuplicates();
        assertThat(keys.stream().filter(k -> k.endsWith(":a2"))).hasSize(2);

        // cancel: turns wait in chat; the run stops taking cases and stays cancelled
        String held = agent(1, (v, m) -> "slow");
        FakePeers.hold(held);
        String slowData = cases(http, token, 8, i -> "{\"input\":\"q" + i + "\"}");
        JsonNode slow = created(http.post(
                "/api/v1/evals/runs",
                token,
                Map.of("dataset_id", slowData, "agent_id", held, "agent_versions", List.of(1), "concurrency", 1)));
        String slowId = slow.path("id").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !FakePeers.turns(held).isEmpty());
        assertThat(ok(http.post("/api/v1/evals/runs/" + slowId + "/cancel", token, null))
                        .path("status")
                        .asString())
                .isEqualTo("cancelled");
        FakePeers.release(held);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> true);
        JsonNode cancelled = ok(http.get("/api/v1/evals/runs/" + slowId, token));
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("done").asInt()).isLessThanOrEqualTo(1);
        assertThat(FakePeers.turns(held)).hasSizeLessThanOrEqualTo(2);
    }

    /** The worker stops mid-run (as at shutdown) and starts again: unfinished cases run again with the same keys. */
    @Test
    void aRunInFlightResumesAfterTheWorkerRestarts(TestHttp http) {
        String token = TestOrg.create().member();
        String agent = agent(1, (v, m) -> "ok");
        FakePeers.hold(agent);
        String dataset = cases(http, token, 6, i -> "{\"input\":\"q" + i + "\",\"expected\":\"ok\"}");
        JsonNode run = created(http.post(
                "/api/v1/evals/runs",
                token,
                Map.of(
                        "dataset_id",
                        dataset,
                        "agent_id",
                        agent,
                        "agent_versions",
                        List.of(1),
                        "scorers",
                        List.of(Map.of("type", "exact")),
                        "concurrency",
                        2)));
        String runId = run.path("id").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> FakePeers.turns(agent).size() == 2);
        worker.stop();
        try {
            JsonNode stopped = ok(http.get("/api/v1/evals/runs/" + runId, token));
            assertThat(stopped.path("status").asString()).isEqualTo("running");
            assertThat(stopped.path("done").asInt()).isZero();
            List<String> interrupted = FakePeers.turns(agent).stream()
                    .map(RunTurnRequest::getIdempotencyKey)
                    .toList();
            FakePeers.release(agent);
            worker.start();
            JsonNode resumed = completed(http, token, runId);
            assertThat(resumed.path("done").asInt()).isEqualTo(6);
            assertThat(resumed.path("errors").asInt()).isZero();
            Map<String, Integer> calls = new HashMap<>();
            FakePeers.turns(agent).forEach(t -> calls.merge(t.getIdempotencyKey(), 1, Integer::sum));
            assertThat(calls).hasSize(6);
            // the two turns cut short ran again under the same idempotency keys
            interrupted.forEach(key -> assertThat(calls.get(key)).isEqualTo(2));
        } finally {
            FakePeers.release(agent);
            worker.start();
        }
    }

    private static String agent(int versions, java.util.function.BiFunction<Integer, String, String> script) {
        String id = "agt_eval" + AGENTS.incrementAndGet() + "_" + System.nanoTime();
        FakePeers.agent(id, versions, script);
        return id;
    }

    private static String cases(TestHttp http, String token, int n, java.util.function.IntFunction<String> line) {
        String id = dataset(http, token, "ds");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < n; i++) {
            jsonl.append(line.apply(i)).append('\n');
        }
        ok(http.send("POST", "/api/v1/evals/datasets/" + id + "/cases:import", token, jsonl.toString(), NDJSON));
        return id;
    }

    private static String startRun(TestHttp http, String token, String dataset, String agent, List<Integer> versions) {
        return created(http.post(
                        "/api/v1/evals/runs",
                        token,
                        Map.of(
                                "dataset_id", dataset,
                                "agent_id", agent,
                                "agent_versions", versions,
                                "scorers", List.of(Map.of("type", "exact", "value", "a0")))))
                .path("id")
                .asString();
    }

    private static JsonNode completed(TestHttp http, String token, String runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = ok(http.get("/api/v1/evals/runs/" + runId, token));
                    return last[0].path("status").asString().equals("completed");
                });
        return last[0];
    }

    private static JsonNode scorer(JsonNode compare, String name) {
        for (JsonNode s : compare.path("scorers")) {
            if (s.path("scorer").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no scorer " + name + " in " + compare);
    }

    private static void status(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }

    private static void assertProblem(TestHttp.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
