package dev.stoa.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.test.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Test helpers: definitions as maps, creating and executing workflows, waiting for a run's status. */
final class Flows {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Flows() {}

    static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime();
    }

    static JsonNode ok(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode created(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static String workflow(TestHttp http, String token, List<Map<String, Object>> steps) {
        return created(http.post(
                        "/api/v1/workflows",
                        token,
                        Map.of("name", uniqueName("wf"), "definition", Map.of("steps", steps))))
                .path("id")
                .asString();
    }

    static String execute(TestHttp http, String token, String workflowId, Object input) {
        return created(http.post("/api/v1/workflows/" + workflowId + "/execute", token, Map.of("input", input)))
                .path("id")
                .asString();
    }

    static JsonNode awaitStatus(TestHttp http, String token, String runId, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> ok(http.get("/api/v1/task-runs/" + runId, token)),
                        run -> wanted.contains(run.path("status").asString()));
    }

    static JsonNode step(JsonNode run, String stepId) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("step_id").asString().equals(stepId)) {
                return s;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + run);
    }
}
