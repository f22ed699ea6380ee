package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Budget alerts: raised once per threshold and month as an agent's costed turns cross 80 % and 100 % of its budget. */
@MonitoringServiceTest
class BudgetAlertsIT {
    static final String PATH = "/api/v1/monitoring/budget-alerts";

    @Test
    void theMonthsSpendCrossingEightyAndAHundredPercentRaisesOneAlertEach(TestHttp http) {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String agent = Ids.generate("agt");
        String unbudgeted = Ids.generate("agt");
        Instant now = Instant.now();
        // 500 of 1000 (50 %), then 900 (90 %: crosses 80), then 1100 (crosses 100), then 1200 (nothing new)
        String crossing80 = Ids.generate("evt");
        publish(org, agent, 500, 1_000, now, Ids.generate("evt"));
        publish(org, agent, 400, 1_000, now, crossing80);
        publish(org, agent, 400, 1_000, now, crossing80); // a redelivery of the crossing turn
        publish(org, agent, 200, 1_000, now, Ids.generate("evt"));
        publish(org, agent, 100, 1_000, now, Ids.generate("evt"));
        publish(org, unbudgeted, 5_000_000, 0, now, Ids.generate("evt"));

        JsonNode alerts = Reads.awaiting(http, PATH, org.viewer(), page -> {
            assertThat(page.path("data")).hasSize(2);
            assertThat(Reads.ok(http, "/api/v1/monitoring/costs?group_by=agent", org.viewer())
                            .path("total")
                            .path("cost_micros")
                            .asLong())
                    .isEqualTo(5_001_200);
        });

        JsonNode hundred = alerts.path("data").get(0);
        JsonNode eighty = alerts.path("data").get(1);
        assertThat(eighty.path("threshold_percent").asInt()).isEqualTo(80);
        assertThat(eighty.path("spent_micros").asLong()).isEqualTo(900);
        assertThat(hundred.path("threshold_percent").asInt()).isEqualTo(100);
        assertThat(hundred.path("spent_micros").asLong()).isEqualTo(1_100);
        assertThat(hundred.path("budget_micros").asLong()).isEqualTo(1_000);
        assertThat(hundred.path("agent_id").asString()).isEqualTo(agent);
        assertThat(hundred.path("month").asString())
                .isEqualTo(LocalDate.ofInstant(now, ZoneOffset.UTC)
                        .withDayOfMonth(1)
                        .toString());
        assertThat(Reads.ok(http, PATH + "?agent_id=" + unbudgeted, org.viewer())
                        .path("data"))
                .isEmpty();
        assertThat(Reads.ok(http, PATH + "?agent_id=" + agent + "&limit=1", org.viewer())
                        .path("data"))
                .hasSize(1);
        // another org sees none of it; bad input is named
        assertThat(Reads.ok(http, PATH, other.admin()).path("data")).isEmpty();
        assertThat(http.get(PATH, null).status()).isEqualTo(401);
        TestHttp.Response badLimit = http.get(PATH + "?limit=500", org.viewer());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.field()).isEqualTo("limit");
        TestHttp.Response badAgent = http.get(PATH + "?agent_id=" + "a".repeat(200), org.viewer());
        assertThat(badAgent.status()).isEqualTo(400);
        assertThat(badAgent.field()).isEqualTo("agent_id");
    }

    private static void publish(TestOrg org, String agent, long cost, long budget, Instant at, String eventId) {
        TurnFinished turn = SourceEvents.turn(org.id(), agent, "gpt-4o-mini", 10, 10, cost, at)
                .setMonthlyBudgetMicros(budget)
                .build();
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
    }
}
