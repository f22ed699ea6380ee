package dev.stoa.eval;

import static dev.stoa.eval.DatasetsIT.created;
import static dev.stoa.eval.DatasetsIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.auth.Role;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * A/B tests end to end inside eval: B becomes the canary through agent's gRPC (the in-process fake records it), live
 * turns of both versions arrive on the embedded Kafka, the fake provider's judge scores B's answers higher, the stats
 * reach the horizon and decide for B, and promote makes B current through {@code PromoteVersion}.
 */
@EvalServiceTest
class AbTestsIT {
    private static final String MEMBER = "usr_ab_member";

    private final TestHttp http;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    AbTestsIT(TestHttp http) {
        this.http = http;
    }

    @BeforeEach
    void judgeByTheAnswersScore(FakeProvider provider) {
        ScoreJudge.install(provider);
    }

    @Test
    void liveTurnsConvergeToBAndPromoteMakesBCurrent() {
        TestOrg org = TestOrg.create();
        String agent = agent(2, 1);
        JsonNode test = created(http.post("/api/v1/evals/ab-tests", member(org), body(agent, 2, Map.of())));
        String id = test.path("id").asString();
        assertThat(test.path("status").asString()).isEqualTo("running");
        assertThat(test.path("variant_a_version").asInt()).isEqualTo(1);
        assertThat(test.path("variant_b_version").asInt()).isEqualTo(2);
        assertThat(FakePeers.routing(agent)).containsExactly("set:" + agent + ":2:50:" + MEMBER);

        // 16 turns per variant are the horizon at mde 0.5 (2 (1.96 + 0.84)^2 0.25 / 0.25 = 15.7)
        List<TurnFinished> turns = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            turns.add(turn(org, agent, 1, "answer A score=" + (0.2 + 0.05 * (i % 4))));
            turns.add(turn(org, agent, 2, "answer B score=" + (0.7 + 0.05 * (i % 4))));
        }
        TurnEvents.publish(turns.subList(0, 10).toArray(TurnFinished[]::new));
        JsonNode early = awaitStats(id, org, 5, 5);
        assertThat(early.path("decision").asString()).isEqualTo("collecting");
        assertThat(early.path("required_per_variant").asLong()).isEqualTo(16);

        TurnFinished other = turn(org, agent, 3, "not in the test score=0.9");
        TurnFinished failed = turn(org, agent, 2, "failed score=0.1").toBuilder()
                .setOutcome("failed")
                .build();
        TurnFinished judgeSpend = turn(org, agent, 1, "a judge call score=0.1").toBuilder()
                .setKind("eval_judge")
                .build();
        List<TurnFinished> rest = new ArrayList<>(turns.subList(10, 32));
        rest.addAll(List.of(other, failed, judgeSpend, turns.get(0), turns.get(1)));
        TurnEvents.publish(rest.toArray(TurnFinished[]::new));

        JsonNode stats = awaitStats(id, org, 16, 16);
        assertThat(stats.path("decision").asString()).as(stats.toString()).isEqualTo("b_better");
        JsonNode a = stats.path("variants").path("a");
        JsonNode b = stats.path("variants").path("b");
        assertThat(a.path("version").asInt()).isEqualTo(1);
        assertThat(a.path("mean_score").asDouble()).isCloseTo(0.275, within(1e-9));
        assertThat(b.path("mean_score").asDouble()).isCloseTo(0.775, within(1e-9));
        assertThat(a.path("pass_rate").asDouble()).isZero();
        assertThat(b.path("pass_rate").asDouble()).isEqualTo(1.0);
        JsonNode score = stats.path("difference").path("score");
        assertThat(score.path("estimate").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(score.path("p_value").asDouble()).isLessThan(1e-6);
        assertThat(score.path("ci").path("low").asDouble()).isGreaterThan(0.4);
        assertThat(stats.path("difference").path("pass_rate").path("p_value").asDouble())
                .isLessThan(1e-6);
        // a redelivered turn, another version's, a failed turn and eval's own judge spend are not judged again
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        stats(id, org).path("variants").path("b").path("n").asLong())
                .isEqualTo(16));

        JsonNode promoted = ok(http.post("/api/v1/evals/ab-tests/" + id + "/promote", member(org), null));

        assertThat(promoted.path("status").asString()).isEqualTo("completed");
        assertThat(promoted.path("promoted_variant").asString()).isEqualTo("b");
        assertThat(promoted.path("promoted_version").asInt()).isEqualTo(3);
        assertThat(FakePeers.routing(agent)).last().isEqualTo("promote:" + agent + ":2:" + MEMBER);
        assertThat(http.post("/api/v1/evals/ab-tests/" + id + "/promote", member(org), null)
                        .code())
                .isEqualTo("test_not_running");
    }

    @Test
    void aTestKeepsCollectingAcrossAConsumerRestart() {
        TestOrg org = TestOrg.create();
        String agent = agent(2, 1);
        String id = created(http.post("/api/v1/evals/ab-tests", member(org), body(agent, 2, Map.of())))
                .path("id")
                .asString();
        MessageListenerContainer turns = listeners.getListenerContainer("eval-turns");
        assertThat(turns).isNotNull();
        turns.stop();
        try {
            // published while eval does not consume: read from the committed offsets when it is back
            TurnEvents.publish(turn(org, agent, 1, "a score=0.4"), turn(org, agent, 2, "b score=0.6"));
        } finally {
            turns.start();
        }

        JsonNode stats = awaitStats(id, org, 1, 1);

        assertThat(stats.path("variants").path("b").path("mean_score").asDouble())
                .isCloseTo(0.6, within(1e-9));
        assertThat(stats.path("status").asString()).isEqualTo("running");
    }

    @Test
    void oneRunningTestPerAgentNoWinnerYetAndStop() {
        TestOrg org = TestOrg.create();
        String agent = agent(2, 1);
        String id = created(http.post("/api/v1/evals/ab-tests", member(org), body(agent, 2, Map.of())))
                .path("id")
                .asString();

        TestHttp.Response second = http.post("/api/v1/evals/ab-tests", member(org), body(agent, 2, Map.of()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("ab_test_running");
        TestHttp.Response promote = http.post("/api/v1/evals/ab-tests/" + id + "/promote", member(org), null);
        assertThat(promote.status()).isEqualTo(409);
        assertThat(promote.code()).isEqualTo("no_winner");

        JsonNode stopped = ok(http.post("/api/v1/evals/ab-tests/" + id + "/stop", member(org), null));

        assertThat(stopped.path("status").asString()).isEqualTo("stopped");
        assertThat(FakePeers.routing(agent)).last().isEqualTo("clear:" + agent + ":" + MEMBER);
        // a new test may start once the agent has none running; promoting A by name clears the canary
        String next = created(http.post("/api/v1/evals/ab-tests", member(org), body(agent, 2, Map.of())))
                .path("id")
                .asString();
        JsonNode keptA =
                ok(http.post("/api/v1/evals/ab-tests/" + next + "/promote", member(org), Map.of("variant", "a")));
        assertThat(keptA.path("promoted_variant").asString()).isEqualTo("a");
        assertThat(keptA.path("promoted_version").asInt()).isEqualTo(1);
        assertThat(FakePeers.routing(agent)).last().isEqualTo("clear:" + agent + ":" + MEMBER);
        JsonNode list = ok(http.get("/api/v1/evals/ab-tests", org.viewer())).path("data");
        assertThat(list).extracting(n -> n.path("id").asString()).containsExactly(next, id);
    }

    @Test
    void anotherOrgsTestIsNotFoundAndViewersOnlyRead() {
        TestOrg org = TestOrg.create();
        String agent = agent(2, 1);
        String id = created(http.post("/api/v1/evals/ab-tests", member(org), body(agent, 2, Map.of())))
                .path("id")
                .asString();
        TestOrg other = TestOrg.create();

        assertThat(http.get("/api/v1/evals/ab-tests/" + id, other.admin()).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/evals/ab-tests/" + id + "/stats", other.admin())
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/evals/ab-tests/" + id + "/stop", other.admin(), null)
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/evals/ab-tests", other.admin()).json().path("data"))
                .isEmpty();
        assertThat(http.get("/api/v1/evals/ab-tests/" + id, org.viewer()).status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/evals/ab-tests/" + id + "/stop", org.viewer(), null)
                        .status())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/evals/ab-tests", org.viewer(), body(agent(2, 1), 2, Map.of()))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        TestOrg org = TestOrg.create();
        String agent = agent(2, 2);

        assertRefused(body(agent, 2, Map.of("percent", 0)), 400, "percent");
        assertRefused(body(agent, 2, Map.of("percent", 100)), 400, "percent");
        assertRefused(body(agent, 2, Map.of("sample_rate", 1.5)), 400, "sample_rate");
        assertRefused(body(agent, 2, Map.of("alpha", 0)), 400, "alpha");
        assertRefused(body(agent, 2, Map.of("rubric", " ")), 400, "rubric");
        assertRefused(body(agent, 9, Map.of()), 404, "variant_b_version");
        assertRefused(body(agent, 2, Map.of()), 422, "variant_b_version");
        assertRefused(
                body(agent, 1, Map.of("judge_model", Map.of("provider_id", "prov_missing", "model", "m"))),
                422,
                "judge_model");
        assertRefused(body("agt_nobody_" + System.nanoTime(), 1, Map.of()), 404, "variant_b_version");
        TestHttp.Response badVariant =
                http.post("/api/v1/evals/ab-tests/abt_missing/promote", member(org), Map.of("variant", "c"));
        assertThat(badVariant.status()).isEqualTo(400);
        assertThat(badVariant.field()).isEqualTo("variant");
        assertThat(FakePeers.routing(agent)).isEmpty();
    }

    private void assertRefused(Map<String, Object> body, int status, String field) {
        TestHttp.Response response =
                http.post("/api/v1/evals/ab-tests", TestOrg.create().member(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }

    private JsonNode awaitStats(String id, TestOrg org, long a, long b) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode s = stats(id, org);
            return s.path("variants").path("a").path("n").asLong() >= a
                    && s.path("variants").path("b").path("n").asLong() >= b;
        });
        return stats(id, org);
    }

    private JsonNode stats(String id, TestOrg org) {
        return ok(http.get("/api/v1/evals/ab-tests/" + id + "/stats", org.viewer()));
    }

    private static TurnFinished turn(TestOrg org, String agent, int version, String answer) {
        return TurnEvents.turn(
                org.id(), agent, version, "conv_" + System.nanoTime(), "a question", answer, Instant.now());
    }

    /** An agent of the fake with {@code versions} versions, {@code current} the current one. */
    private static String agent(int versions, int current) {
        String agent = "agt_ab_" + System.nanoTime();
        FakePeers.agent(agent, versions, (v, m) -> "");
        FakePeers.CURRENT.put(agent, current);
        return agent;
    }

    private static Map<String, Object> body(String agent, int versionB, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "prompt v2");
        body.put("agent_id", agent);
        body.put("variant_b_version", versionB);
        body.put("rubric", "Helpful and correct");
        body.put("judge_model", Map.of("provider_id", "prov_fake", "model", "judge-1"));
        body.put("min_detectable_effect", 0.5);
        body.putAll(overrides);
        return body;
    }

    /** A member token of {@link #MEMBER}: the actor agent records for routing changes. */
    private static String member(TestOrg org) {
        return org.token(MEMBER, Role.MEMBER);
    }
}
