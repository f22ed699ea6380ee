package dev.stoa.eval;

import static dev.stoa.eval.DatasetsIT.created;
import static dev.stoa.eval.DatasetsIT.dataset;
import static dev.stoa.eval.DatasetsIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.eval.events.OutboxJudgeSpend;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The LLM judge over the fake provider: verdicts parsed into scores, its cost published as spend once per turn. */
@EvalServiceTest
class JudgeIT {
    @Autowired
    OutboxJudgeSpend spend;

    @Test
    void judgesEachCaseAndRecordsItsCostAsSpendOnce(TestHttp http, FakeProvider provider, StoaPostgres.Database db)
            throws Exception {
        FakePeers.providerUrl = provider.baseUrl() + "/v1";
        provider.respondTo(body -> body.toString().contains("Paris")
                ? new Reply("{\"score\": 0.9, \"reasoning\": \"names the capital\"}", List.of(), 100L, 20L)
                : new Reply("Verdict: {\"score\": 0.1, \"reasoning\": \"wrong city\"}", List.of(), 100L, 20L));
        TestOrg org = TestOrg.create();
        String token = org.member();
        String agent = "agt_judge_" + System.nanoTime();
        FakePeers.agent(agent, 1, (v, m) -> m.equals("capital of France?") ? "Paris" : "Lyon");
        String dataset = dataset(http, token, "judged");
        for (String q : List.of("capital of France?", "biggest French port?")) {
            created(http.post("/api/v1/evals/datasets/" + dataset + "/cases", token, Map.of("input", q)));
        }
        String runId = created(http.post(
                        "/api/v1/evals/runs",
                        token,
                        Map.of(
                                "dataset_id", dataset,
                                "agent_id", agent,
                                "agent_versions", List.of(1),
                                "scorers",
                                        List.of(Map.of(
                                                "type",
                                                "llm_judge",
                                                "rubric",
                                                "Names the right city",
                                                "threshold",
                                                0.5)),
                                "judge_model", Map.of("provider_id", "prov_fake", "model", "judge-model"))))
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> ok(http.get("/api/v1/evals/runs/" + runId, token))
                .path("status")
                .asString()
                .equals("completed"));
        JsonNode results =
                ok(http.get("/api/v1/evals/runs/" + runId + "/results", token)).path("data");
        JsonNode right = results.path(0).path("scores").path(0);
        assertThat(right.path("scorer").asString()).as(results.toString()).isEqualTo("llm_judge");
        assertThat(right.path("score").asDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(right.path("passed").asBoolean()).isTrue();
        assertThat(right.path("reasoning").asString()).isEqualTo("names the capital");
        assertThat(results.path(1).path("scores").path(0).path("score").asDouble())
                .isCloseTo(0.1, within(1e-9));
        assertThat(results.path(1).path("passed").asBoolean()).isFalse();
        // the judge model was the run's choice, not the agent's
        assertThat(provider.requests()).anyMatch(r -> r.toString().contains("judge-model"));

        // one TurnFinished per judgement, kind eval_judge, cost from the catalog prices: 100 * 2 + 20 * 10 = 400
        List<TurnFinished> events = judgeEvents(db, org.id());
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getKind()).isEqualTo("eval_judge");
            assertThat(e.getCostMicros()).isEqualTo(400);
            assertThat(e.getModel()).isEqualTo("judge-model");
            assertThat(e.getAgentId()).isEqualTo(agent);
        });
        assertThat(events.stream().map(TurnFinished::getTurnId).distinct()).hasSize(2);

        // a judgement made again (a resumed run) under the same turn id is not charged twice
        TurnFinished first = events.getFirst();
        OutboxJudgeSpend.JudgeCall again = new OutboxJudgeSpend.JudgeCall(
                org.id(),
                agent,
                1,
                first.getTurnId(),
                "prov_fake",
                "judge-model",
                100,
                20,
                400,
                Instant.now(),
                Instant.now());
        assertThat(spend.charge(again)).isFalse();
        assertThat(judgeEvents(db, org.id())).hasSize(2);
    }

    private static List<TurnFinished> judgeEvents(StoaPostgres.Database db, String orgId) throws Exception {
        List<TurnFinished> events = new ArrayList<>();
        try (Connection c = db.connectAsOwner();
                PreparedStatement s = c.prepareStatement(
                        "select data from stoa_outbox where kafka_key = ? and ce_type = 'dev.stoa.eval.judge.completed'")) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(TurnFinished.parseFrom(rs.getBytes(1)));
                }
            }
        }
        return events;
    }
}
