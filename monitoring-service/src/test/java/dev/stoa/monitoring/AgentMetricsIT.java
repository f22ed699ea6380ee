package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.service.TestOrg;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What agents did shows in Prometheus, once per event however often it is delivered. */
@MonitoringServiceTest
class AgentMetricsIT {
    @Autowired
    MeterRegistry meters;

    @Test
    void countsTurnsTokensCostAndToolCallsPerAgentOncePerEvent() {
        TestOrg org = TestOrg.create();
        String agent = Ids.generate("agt");
        TurnFinished turn = SourceEvents.turn(org.id(), agent, "gpt-4o-mini", 120, 30, 900, Instant.now())
                .build();
        String eventId = Ids.generate("evt");
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
        SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                SourceEvents.turn(org.id(), agent, "gpt-4o-mini", 10, 0, 50, Instant.now())
                        .setOutcome("failed")
                        .build());
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), agent, "weather", "failed", 12).build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("stoa.agent.turns", agent, "outcome", "completed")).isEqualTo(1);
            assertThat(count("stoa.agent.turns", agent, "outcome", "failed")).isEqualTo(1);
            assertThat(count("stoa.agent.tool.calls", agent, "status", "failed"))
                    .isEqualTo(1);
        });
        assertThat(count("stoa.agent.tokens", agent, "direction", "input")).isEqualTo(130);
        assertThat(count("stoa.agent.tokens", agent, "direction", "output")).isEqualTo(30);
        assertThat(count("stoa.agent.cost.micros", agent, "org_id", org.id())).isEqualTo(950);
    }

    private double count(String name, String agent, String tag, String value) {
        Counter counter =
                meters.find(name).tag("agent_id", agent).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
