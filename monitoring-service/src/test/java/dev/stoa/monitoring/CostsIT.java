package dev.stoa.monitoring;

import static dev.stoa.monitoring.ToolCallsIT.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Turns published on stoa.turns.v1 summed in the cost ledger, read back through GET /api/v1/monitoring/costs. */
@MonitoringServiceTest
class CostsIT {
    private static final Instant TODAY =
            LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
    private static final Instant YESTERDAY = TODAY.minus(Duration.ofDays(1));

    @Test
    void sumsTurnsPerDayAgentAndModel(TestHttp http) {
        // given turns of two agents on two models over two days, one failed, and a turn of another org
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String a = Ids.generate("agt");
        String b = Ids.generate("agt");
        publish(org, SourceEvents.turn(org.id(), a, "gpt-small", 100, 10, 1_000, YESTERDAY));
        publish(org, SourceEvents.turn(org.id(), a, "gpt-small", 200, 20, 2_000, TODAY));
        publish(org, SourceEvents.turn(org.id(), a, "gpt-large", 300, 30, 9_000, TODAY));
        publish(
                org,
                SourceEvents.turn(org.id(), b, "gpt-small", 50, 0, 500, TODAY).setOutcome("failed"));
        publish(other, SourceEvents.turn(other.id(), a, "gpt-small", 7, 7, 7_777, TODAY));

        // when a viewer asks per day, then the days add up and the other org's spend is not there
        JsonNode byDay = awaitTurns(http, org.viewer(), "", 4);
        assertThat(byDay.path("group_by").asString()).isEqualTo("day");
        assertThat(byDay.path("groups")).hasSize(2);
        JsonNode yesterday = byDay.path("groups").get(0);
        assertThat(yesterday.path("key").asString())
                .isEqualTo(YESTERDAY.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        assertThat(yesterday.path("turns").asLong()).isEqualTo(1);
        assertThat(yesterday.path("cost_micros").asLong()).isEqualTo(1_000);
        JsonNode today = byDay.path("groups").get(1);
        assertThat(today.path("turns").asLong()).isEqualTo(3);
        assertThat(today.path("failed_turns").asLong()).isEqualTo(1);
        assertThat(today.path("input_tokens").asLong()).isEqualTo(550);
        assertThat(today.path("output_tokens").asLong()).isEqualTo(50);
        assertThat(today.path("cost_micros").asLong()).isEqualTo(11_500);
        assertThat(byDay.path("total").path("cost_micros").asLong()).isEqualTo(12_500);

        // and per agent and per model
        JsonNode byAgent = get(http, org.viewer(), "?group_by=agent");
        assertThat(byAgent.path("groups")).hasSize(2);
        assertThat(sumFor(byAgent, a)).isEqualTo(12_000);
        assertThat(sumFor(byAgent, b)).isEqualTo(500);
        JsonNode byModel = get(http, org.viewer(), "?group_by=model");
        assertThat(sumFor(byModel, "gpt-small")).isEqualTo(3_500);
        assertThat(sumFor(byModel, "gpt-large")).isEqualTo(9_000);
        assertThat(byModel.path("groups").get(0).path("provider_id").asString()).isEqualTo("prv_1");

        // and a range of today only leaves yesterday out
        String day = TODAY.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(get(http, org.viewer(), "?from=" + day + "&to=" + day)
                        .path("total")
                        .path("turns")
                        .asLong())
                .isEqualTo(3);
        assertThat(get(http, other.viewer(), "")
                        .path("total")
                        .path("cost_micros")
                        .asLong())
                .isEqualTo(7_777);
    }

    @Test
    void aRedeliveredTurnIsCostedOnce(TestHttp http) {
        TestOrg org = TestOrg.create();
        var turn = SourceEvents.turn(org.id(), Ids.generate("agt"), "m", 10, 10, 100, TODAY)
                .build();
        String eventId = Ids.generate("evt");
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
        publish(org, SourceEvents.turn(org.id(), Ids.generate("agt"), "m", 1, 1, 1, TODAY));

        JsonNode costs = awaitTurns(http, org.member(), "", 2);
        assertThat(costs.path("total").path("cost_micros").asLong()).isEqualTo(101);
    }

    @Test
    void refusesBadParametersNamingThem(TestHttp http) {
        String token = TestOrg.create().viewer();
        assertField(http.get("/api/v1/monitoring/costs?group_by=week", token), "group_by");
        assertField(http.get("/api/v1/monitoring/costs?from=2026-02-30", token), "from");
        assertField(http.get("/api/v1/monitoring/costs?from=2026-03-02&to=2026-03-01", token), "from");
        assertField(http.get("/api/v1/monitoring/costs?from=2024-01-01&to=2026-01-01", token), "from");
    }

    private static void publish(TestOrg org, dev.stoa.proto.events.v1.TurnFinished.Builder turn) {
        SourceEvents.publish(Topics.TURNS, org.id(), turn.build());
    }

    private static JsonNode get(TestHttp http, String token, String query) {
        return Reads.ok(http, "/api/v1/monitoring/costs" + query, token);
    }

    private static JsonNode awaitTurns(TestHttp http, String token, String query, long turns) {
        return Reads.awaiting(http, "/api/v1/monitoring/costs" + query, token, costs -> assertThat(
                        costs.path("total").path("turns").asLong())
                .isEqualTo(turns));
    }

    private static long sumFor(JsonNode costs, String key) {
        long sum = 0;
        for (JsonNode g : costs.path("groups")) {
            if (g.path("key").asString().equals(key)) {
                sum += g.path("cost_micros").asLong();
            }
        }
        return sum;
    }
}
