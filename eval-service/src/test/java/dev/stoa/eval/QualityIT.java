package dev.stoa.eval;

import static dev.stoa.eval.DatasetsIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Quality checks: completed turns of agents with checks enabled are sampled from Kafka and judged; kept turns are
 * judged now over a window; a deleted conversation takes its kept turns and checks along; orgs do not see each other.
 */
@EvalServiceTest
class QualityIT {
    private final TestHttp http;

    QualityIT(TestHttp http) {
        this.http = http;
    }

    @BeforeEach
    void judgeByTheAnswersScore(FakeProvider provider) {
        ScoreJudge.install(provider);
    }

    @Test
    void sampledTurnsBecomeChecksWithStats() {
        TestOrg org = TestOrg.create();
        String agent = agent();
        configure(org, agent, 1.0);
        TurnFinished good = turn(org, agent, "conv_q1", "fine score=0.9", Instant.now());
        TurnFinished bad = turn(org, agent, "conv_q1", "poor score=0.2", Instant.now());
        TurnFinished other =
                turn(org, "agt_unconfigured_" + System.nanoTime(), "conv_q2", "x score=0.9", Instant.now());

        TurnEvents.publish(good, bad, other, good);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> checks(org, "?agent_id=" + agent).size() == 2);
        JsonNode failed = checks(org, "?agent_id=" + agent + "&passed=false");
        assertThat(failed).hasSize(1);
        assertThat(failed.path(0).path("turn_id").asString()).isEqualTo(bad.getTurnId());
        assertThat(failed.path(0).path("score").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(failed.path(0).path("source").asString()).isEqualTo("live");
        assertThat(failed.path(0).path("conversation_id").asString()).isEqualTo("conv_q1");
        JsonNode stats = ok(http.get("/api/v1/quality/checks/stats?agent_id=" + agent, org.viewer()))
                .path("agents");
        assertThat(stats).hasSize(1);
        assertThat(stats.path(0).path("n").asLong()).isEqualTo(2);
        assertThat(stats.path(0).path("mean_score").asDouble()).isCloseTo(0.55, within(1e-9));
        assertThat(stats.path(0).path("pass_rate").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(stats.path(0).path("by_day")).hasSize(1);
        // one page of one, then the next
        JsonNode page = ok(http.get("/api/v1/quality/checks?limit=1&agent_id=" + agent, org.viewer()));
        assertThat(page.path("data")).hasSize(1);
        String cursor = page.path("next_cursor").asString();
        assertThat(ok(http.get("/api/v1/quality/checks?limit=1&agent_id=" + agent + "&cursor=" + cursor, org.viewer()))
                        .path("data"))
                .hasSize(1);

        TurnEvents.publishDeletion(org.id(), agent, "conv_q1");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> checks(org, "?agent_id=" + agent).isEmpty());
    }

    @Test
    void aTurnTheJudgeCannotGradeIsSkippedAndLaterTurnsAreChecked() {
        TestOrg org = TestOrg.create();
        String agent = agent();
        configure(org, agent, 1.0);
        TurnFinished ungradable = turn(org, agent, "conv_u1", "ungradable", Instant.now());
        TurnFinished graded = turn(org, agent, "conv_u1", "fine score=0.8", Instant.now());

        TurnEvents.publish(ungradable, graded);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> checks(org, "?agent_id=" + agent).size() == 1);
        assertThat(checks(org, "?agent_id=" + agent).path(0).path("turn_id").asString())
                .isEqualTo(graded.getTurnId());
    }

    @Test
    void runNowJudgesTheKeptTurnsOfTheWindowOnce() {
        TestOrg org = TestOrg.create();
        String agent = agent();
        configure(org, agent, 0.0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TurnFinished old = turn(org, agent, "conv_r1", "old score=0.8", now.minus(Duration.ofDays(3)));
        TurnFinished recent = turn(org, agent, "conv_r1", "recent score=0.3", now.minus(Duration.ofHours(1)));
        TurnFinished marker = turn(org, agent, "conv_r2", "marker score=0.6", now.minus(Duration.ofMinutes(1)));
        TurnEvents.publish(old, recent, marker);
        Map<String, Object> window =
                Map.of("agent_id", agent, "from", now.minus(Duration.ofDays(1)).toString(), "to", now.toString());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ok(http.post(
                                        "/api/v1/quality/checks/run",
                                        member(org),
                                        Map.of(
                                                "agent_id", agent,
                                                "from",
                                                        now.minus(Duration.ofMinutes(1))
                                                                .toString(),
                                                "to", now.toString())))
                                .path("judged")
                                .asInt()
                        == 1);
        assertThat(checks(org, "?agent_id=" + agent)).hasSize(1);

        JsonNode run = ok(http.post("/api/v1/quality/checks/run", member(org), window));

        assertThat(run.path("considered").asInt()).as(run.toString()).isEqualTo(1);
        assertThat(run.path("judged").asInt()).isEqualTo(1);
        assertThat(run.path("failed").asInt()).isEqualTo(1);
        assertThat(run.path("run_id").asString()).startsWith("qrun_");
        JsonNode again = ok(http.post("/api/v1/quality/checks/run", member(org), window));
        assertThat(again.path("considered").asInt())
                .as("checked turns are not judged again")
                .isZero();
        JsonNode checks = checks(org, "?agent_id=" + agent);
        assertThat(checks)
                .extracting(c -> c.path("turn_id").asString())
                .containsExactlyInAnyOrder(recent.getTurnId(), marker.getTurnId());
        assertThat(checks)
                .allSatisfy(c -> assertThat(c.path("source").asString()).isEqualTo("run"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        TestOrg org = TestOrg.create();
        String agent = agent();
        configure(org, agent, 0.5);
        Instant now = Instant.now();

        assertRun(
                org,
                Map.of(
                        "agent_id",
                        agent,
                        "from",
                        now.toString(),
                        "to",
                        now.minusSeconds(60).toString()),
                422,
                "from");
        assertRun(
                org,
                Map.of("agent_id", agent, "from", now.minus(Duration.ofDays(32)).toString(), "to", now.toString()),
                422,
                "to");
        assertRun(
                org,
                Map.of("agent_id", agent, "from", now.minusSeconds(60).toString(), "to", now.toString(), "limit", 501),
                400,
                "limit");
        assertRun(org, Map.of("agent_id", agent, "to", now.toString()), 400, "from");
        assertRun(
                org,
                Map.of("agent_id", agent(), "from", now.minusSeconds(60).toString(), "to", now.toString()),
                422,
                "agent_id");
        TestHttp.Response rate =
                http.put("/api/v1/quality/config/" + agent, member(org), config(Map.of("sample_rate", 2)));
        assertThat(rate.status()).isEqualTo(400);
        assertThat(rate.field()).isEqualTo("sample_rate");
        TestHttp.Response unknown =
                http.put("/api/v1/quality/config/agt_nobody_" + System.nanoTime(), member(org), config(Map.of()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("agent_id");
        TestHttp.Response judge = http.put(
                "/api/v1/quality/config/" + agent,
                member(org),
                config(Map.of("judge_model", Map.of("provider_id", "prov_missing", "model", "m"))));
        assertThat(judge.status()).isEqualTo(422);
        assertThat(judge.field()).isEqualTo("judge_model");
        assertThat(http.put("/api/v1/quality/config/" + agent, org.viewer(), config(Map.of()))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anotherOrgSeesNothing() {
        TestOrg org = TestOrg.create();
        String agent = agent();
        configure(org, agent, 1.0);
        TurnEvents.publish(turn(org, agent, "conv_t1", "a score=0.7", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> checks(org, "").size() == 1);
        TestOrg other = TestOrg.create();

        assertThat(http.get("/api/v1/quality/config/" + agent, other.admin()).status())
                .isEqualTo(404);
        assertThat(ok(http.get("/api/v1/quality/config/" + agent, org.viewer()))
                        .path("sample_rate")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(checks(other, "")).isEmpty();
        assertThat(ok(http.get("/api/v1/quality/checks/stats", other.viewer())).path("agents"))
                .isEmpty();
        Instant now = Instant.now();
        assertRun(
                other,
                Map.of("agent_id", agent, "from", now.minusSeconds(3600).toString(), "to", now.toString()),
                422,
                "agent_id");
    }

    private void assertRun(TestOrg org, Map<String, Object> body, int status, String field) {
        TestHttp.Response response = http.post("/api/v1/quality/checks/run", member(org), body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }

    private JsonNode checks(TestOrg org, String query) {
        return ok(http.get("/api/v1/quality/checks" + query, org.viewer())).path("data");
    }

    private void configure(TestOrg org, String agent, double rate) {
        JsonNode config =
                ok(http.put("/api/v1/quality/config/" + agent, member(org), config(Map.of("sample_rate", rate))));
        assertThat(config.path("enabled").asBoolean()).isTrue();
    }

    private static Map<String, Object> config(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("enabled", true);
        body.put("sample_rate", 1.0);
        body.put("rubric", "Polite and on topic");
        body.put("judge_model", Map.of("provider_id", "prov_fake", "model", "judge-q"));
        body.put("pass_threshold", 0.5);
        body.putAll(overrides);
        return body;
    }

    private static String member(TestOrg org) {
        return org.member();
    }

    private static TurnFinished turn(TestOrg org, String agent, String conversation, String answer, Instant at) {
        return TurnEvents.turn(org.id(), agent, 1, conversation, "a question", answer, at);
    }

    private static String agent() {
        String agent = "agt_q_" + System.nanoTime();
        FakePeers.agent(agent, 1, (v, m) -> "");
        return agent;
    }
}
