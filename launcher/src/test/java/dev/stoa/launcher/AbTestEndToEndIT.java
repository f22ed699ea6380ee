package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A/B tests and quality checks end to end through the gateway: half the new conversations go to the careful version,
 * the fake judge grades every live turn, the stats reach a verdict at the horizon, and promote makes the winner the
 * agent's current version; every turn also gets a quality check.
 */
class AbTestEndToEndIT {
    private static final String CAREFUL = EvalModel.CAREFUL;
    private static final String JUDGE = EvalModel.JUDGE;

    static TestHttp http;
    static FakeProvider model;

    @BeforeAll
    static void start() throws Exception {
        SharedPlatform.get();
        http = SharedPlatform.http();
        model = FakeProvider.start();
        model.script(Reply.text("?")).respondTo(EvalModel::answer);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void anAbTestSplitsLiveConversationsJudgesThemAndPromotesTheWinner() {
        // given an agent whose current version 1 is hasty and whose version 2 is careful, back on version 1
        String owner = SharedPlatform.registerOwner(http);
        String agent = SharedPlatform.agentOn(http, owner, model.baseUrl() + "/v1");
        String provider = EvalModel.providerOf(http, owner, agent);
        assertThat(http.patch(
                                "/api/v1/agents/" + agent,
                                owner,
                                Map.of("model", Map.of("provider_id", provider, "model", CAREFUL)))
                        .status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/agents/" + agent + "/versions/1/rollback", owner, null)
                        .status())
                .isEqualTo(200);
        Map<String, String> judge = Map.of("provider_id", provider, "model", JUDGE);

        // and quality checks on every turn
        TestHttp.Response quality = http.put(
                "/api/v1/quality/config/" + agent,
                owner,
                Map.of("enabled", true, "sample_rate", 1.0, "rubric", "Is the sum right?", "judge_model", judge));
        assertThat(quality.status()).as(quality.body()).isEqualTo(200);

        // when an A/B test sends half the new conversations to version 2 (a horizon of 7 turns per variant)
        TestHttp.Response created = http.post(
                "/api/v1/evals/ab-tests",
                owner,
                Map.of(
                        "name",
                        "careful vs hasty",
                        "agent_id",
                        agent,
                        "variant_b_version",
                        2,
                        "percent",
                        50,
                        "rubric",
                        "Is the sum right?",
                        "judge_model",
                        judge,
                        "min_detectable_effect",
                        0.8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String test = created.json().path("id").asString();
        assertThat(created.json().path("variant_a_version").asInt()).isEqualTo(3);
        assertThat(http.get("/api/v1/agents/" + agent, owner)
                        .json()
                        .path("canary")
                        .path("version")
                        .asInt())
                .isEqualTo(2);

        // and users talk to the agent, each in a new conversation, ten at a time until both variants reached it
        String stats = "/api/v1/evals/ab-tests/" + test + "/stats";
        int sent = 0;
        while (sent < 80
                && !http.get(stats, owner).json().path("decision").asString().equals("b_better")) {
            for (int k = 0; k < 10; k++, sent++) {
                TestHttp.Response turn = http.post(
                        "/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "What is " + sent + " + 7?"));
                assertThat(turn.status()).as(turn.body()).isEqualTo(200);
            }
            int expected = sent; // every turn is of version 3 (A) or 2 (B), and every one is sampled
            await().atMost(Duration.ofMinutes(1)).until(() -> judged(owner, stats) == expected);
        }

        // then the stats converge on version 2, significantly
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode now = http.get(stats, owner).json();
            assertThat(now.path("decision").asString()).as(now.toString()).isEqualTo("b_better");
        });
        JsonNode result = http.get(stats, owner).json();
        assertThat(result.path("required_per_variant").asLong()).isEqualTo(7);
        assertThat(result.path("variants").path("b").path("mean_score").asDouble())
                .isGreaterThan(
                        result.path("variants").path("a").path("mean_score").asDouble());
        assertThat(result.path("difference").path("score").path("p_value").asDouble())
                .isLessThan(0.05);

        // and promote makes version 2's configuration the agent's current version, the canary gone
        TestHttp.Response promoted = http.post("/api/v1/evals/ab-tests/" + test + "/promote", owner, Map.of());
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        JsonNode after = http.get("/api/v1/agents/" + agent, owner).json();
        assertThat(after.path("version").asInt()).isEqualTo(4);
        assertThat(after.path("model").path("model").asString()).isEqualTo(CAREFUL);
        assertThat(after.path("canary").isMissingNode() || after.path("canary").isNull())
                .isTrue();
        assertThat(http.post("/api/v1/evals/ab-tests/" + test + "/promote", owner, Map.of())
                        .status())
                .isEqualTo(409);

        // and the quality checks judged every live turn, and a run over the last hour finds nothing left to judge
        int turns = sent;
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                        http.get("/api/v1/quality/checks?agent_id=" + agent + "&limit=100", owner)
                                .json()
                                .path("data"))
                .hasSize(turns));
        JsonNode qualityStats = http.get("/api/v1/quality/checks/stats?agent_id=" + agent, owner)
                .json();
        assertThat(qualityStats.toString()).contains("pass_rate");
        java.time.Instant now = java.time.Instant.now();
        TestHttp.Response rerun = http.post(
                "/api/v1/quality/checks/run",
                owner,
                Map.of("agent_id", agent, "from", now.minusSeconds(3600).toString(), "to", now.toString()));
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
        assertThat(rerun.json().path("considered").asInt())
                .as("turns without a check")
                .isZero();
        assertThat(rerun.json().path("judged").asInt()).isZero();

        // and another org sees none of it
        String stranger = SharedPlatform.registerOwner(http);
        assertThat(http.get("/api/v1/evals/ab-tests/" + test, stranger).status())
                .isEqualTo(404);
        assertThat(http.get(stats, stranger).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/evals/ab-tests/" + test + "/promote", stranger, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/quality/config/" + agent, stranger).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/quality/checks?agent_id=" + agent, stranger)
                        .json()
                        .path("data"))
                .isEmpty();
    }

    private static long judged(String owner, String stats) {
        JsonNode variants = http.get(stats, owner).json().path("variants");
        return variants.path("a").path("n").asLong()
                + variants.path("b").path("n").asLong();
    }
}
