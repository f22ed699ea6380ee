package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AgentServiceTest
class VersionsIT {
    private final AgentApi api;

    VersionsIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void everyConfigurationChangeIsAnImmutableVersion() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        String base = "/api/v1/agents/" + id;

        api.patch(base, org.member(), Map.of("name", "renamed"));
        api.post(base + "/prompt/blocks", org.member(), Map.of("name", "extra", "content", "More."));
        api.patch(base + "/schemas", org.admin(), Map.of("output_schema", Map.of("type", "string")));
        api.post(base + "/pause", org.member(), null);
        api.put(base + "/canary", org.member(), Map.of("version", 1, "percent", 10));

        JsonNode versions = api.get(base + "/versions", org.viewer()).json().path("data");
        assertThat(versions.findValues("version").stream().map(JsonNode::asInt)).containsExactly(4, 3, 2, 1);
        assertThat(versions.findValues("change").stream().map(JsonNode::asString))
                .containsExactly("schemas_updated", "prompt_updated", "updated", "created");
        JsonNode first = api.get(base + "/versions/1", org.viewer()).json();
        assertThat(first.path("config").path("name").asString()).isEqualTo("support");
        assertThat(first.path("config").path("prompt_blocks")).hasSize(2);
        assertThat(api.get(base + "/versions/9", org.viewer()).status()).isEqualTo(404);

        JsonNode page = api.get(base + "/versions?limit=3", org.viewer()).json();
        assertThat(page.path("data")).hasSize(3);
        JsonNode rest = api.get(
                        base + "/versions?limit=3&cursor="
                                + page.path("next_cursor").asString(),
                        org.viewer())
                .json();
        assertThat(rest.path("data").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(rest.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void rollbackAppendsAVersionEqualToTheChosenOne() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        String base = "/api/v1/agents/" + id;
        api.patch(base, org.member(), Map.of("name", "v2", "metadata", Map.of("k", "v")));

        Response rolled = api.post(base + "/versions/1/rollback", org.member(), null);

        assertThat(rolled.status()).as(rolled.body()).isEqualTo(200);
        assertThat(rolled.json().path("version").asInt()).isEqualTo(3);
        assertThat(rolled.json().path("name").asString()).isEqualTo("support");
        JsonNode v1 = api.get(base + "/versions/1", org.viewer()).json().path("config");
        JsonNode v3 = api.get(base + "/versions/3", org.viewer()).json();
        assertThat(v3.path("config")).isEqualTo(v1);
        assertThat(v3.path("change").asString()).isEqualTo("rolled_back");
        assertThat(v3.path("source_version").asInt()).isEqualTo(1);

        Response unknown = api.post(base + "/versions/42/rollback", org.member(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.post(base + "/versions/abc/rollback", org.member(), null).status())
                .isEqualTo(400);
        assertThat(api.get(base, org.viewer()).json().path("version").asInt()).isEqualTo(3);
    }

    @Test
    void rollbackToAVersionWhoseProviderIsGoneIsRefused() {
        TestOrg org = TestOrg.create();
        String gone = api.fakeProvider(org);
        String id = api.agentOn(org, gone).path("id").asString();
        String base = "/api/v1/agents/" + id;
        api.patch(base, org.member(), Map.of("model", Map.of("provider_id", api.fakeProvider(org), "model", "m")));
        assertThat(api.delete("/api/v1/providers/" + gone, org.admin()).status())
                .isEqualTo(204);

        Response refused = api.post(base + "/versions/1/rollback", org.member(), null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("model_unavailable");
        assertThat(api.get(base, org.viewer()).json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentUpdatesWithTheSameIfMatchLetOneWinAndTheOther409() throws Exception {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "contested")).path("id").asString();
        String token = org.member();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Response> answers = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Response>> calls = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return api.send(
                            "PATCH", "/api/v1/agents/" + id, token, Map.of("name", name), Map.of("If-Match", "\"1\""));
                }));
            }
            for (Future<Response> call : calls) {
                answers.add(call.get());
            }
        }

        assertThat(answers.stream().map(Response::status)).containsExactlyInAnyOrder(200, 409);
        Response loser =
                answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(loser.code()).isEqualTo("version_conflict");
        Response winner =
                answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        JsonNode versions =
                api.get("/api/v1/agents/" + id + "/versions", token).json().path("data");
        assertThat(versions).hasSize(2);
        JsonNode current = api.get("/api/v1/agents/" + id, token).json();
        assertThat(current.path("version").asInt()).isEqualTo(2);
        assertThat(current.path("name").asString())
                .isEqualTo(winner.json().path("name").asString());
    }

    @Test
    void concurrentUpdatesWithoutIfMatchAllLandAsSeparateVersions() throws Exception {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "busy")).path("id").asString();
        String token = org.member();
        int writers = 6;
        CyclicBarrier start = new CyclicBarrier(writers);

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Integer>> calls = IntStream.range(0, writers)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return api.patch("/api/v1/agents/" + id, token, Map.of("name", "writer-" + i))
                                .status();
                    }))
                    .toList();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
        }

        assertThat(statuses).containsOnly(200);
        JsonNode versions =
                api.get("/api/v1/agents/" + id + "/versions", token).json().path("data");
        assertThat(versions.findValues("version").stream().map(JsonNode::asInt)).containsExactly(7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void staleOrMalformedPreconditionsAreRefused() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "guarded")).path("id").asString();
        String path = "/api/v1/agents/" + id;
        api.patch(path, org.member(), Map.of("name", "v2"));

        Response stale = api.send("PATCH", path, org.member(), Map.of("name", "x"), Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("version_conflict");
        Response staleBody = api.patch(path, org.member(), Map.of("name", "x", "version", 1));
        assertThat(staleBody.status()).isEqualTo(409);
        Response stalePause = api.send("POST", path + "/pause", org.member(), null, Map.of("If-Match", "1"));
        assertThat(stalePause.status()).isEqualTo(409);
        Response garbage = api.send("PATCH", path, org.member(), Map.of("name", "x"), Map.of("If-Match", "abc"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.field()).isEqualTo("If-Match");

        Response fresh = api.send("PATCH", path, org.member(), Map.of("name", "v3"), Map.of("If-Match", "\"2\""));
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.json().path("version").asInt()).isEqualTo(3);
    }

    @Test
    void canaryPointsAShareOfNewConversationsAtAnotherVersion() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "canaried")).path("id").asString();
        String base = "/api/v1/agents/" + id;
        api.patch(base, org.member(), Map.of("name", "v2"));

        Response set = api.put(base + "/canary", org.member(), Map.of("version", 1, "percent", 30));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("canary").path("version").asInt()).isEqualTo(1);
        assertThat(set.json().path("canary").path("percent").asInt()).isEqualTo(30);
        assertThat(set.json().path("version").asInt()).as("not a new version").isEqualTo(2);

        assertThat(api.put(base + "/canary", org.member(), Map.of("version", 2, "percent", 30))
                        .field())
                .isEqualTo("version");
        assertThat(api.put(base + "/canary", org.member(), Map.of("version", 7, "percent", 30))
                        .field())
                .isEqualTo("version");
        assertThat(api.put(base + "/canary", org.member(), Map.of("version", 1, "percent", 101))
                        .field())
                .isEqualTo("percent");

        assertThat(api.delete(base + "/canary", org.member()).status()).isEqualTo(204);
        assertThat(api.get(base, org.viewer()).json().has("canary")).isFalse();
    }
}
