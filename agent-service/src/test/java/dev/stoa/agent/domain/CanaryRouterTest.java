package dev.stoa.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentConfig;
import dev.stoa.agent.domain.model.Canary;
import dev.stoa.agent.domain.model.RateLimits;
import dev.stoa.agent.domain.model.Status;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CanaryRouterTest {
    static final AgentConfig CONFIG = new AgentConfig("a", null, null, List.of(), null, null, RateLimits.NONE, 0, "{}");

    @Test
    void bucketsAreStableAndSpreadEvenly() {
        int[] counts = new int[100];
        IntStream.range(0, 20_000).forEach(i -> counts[CanaryRouter.bucket("agt_x", "conv-" + i)]++);

        assertThat(IntStream.of(counts).min().orElseThrow()).isGreaterThan(120);
        assertThat(IntStream.of(counts).max().orElseThrow()).isLessThan(290);
        assertThat(CanaryRouter.bucket("agt_x", "conv-7")).isEqualTo(CanaryRouter.bucket("agt_x", "conv-7"));
    }

    @Test
    void servesTheCanaryOnlyToItsShareOfKeyedConversations() {
        Agent none = agent(null);
        Agent all = agent(new Canary(1, 100));
        Agent off = agent(new Canary(1, 0));

        assertThat(CanaryRouter.servingVersion(none, "k")).isEqualTo(3);
        assertThat(CanaryRouter.servingVersion(all, "k")).isEqualTo(1);
        assertThat(CanaryRouter.servingVersion(all, "")).isEqualTo(3);
        assertThat(CanaryRouter.servingVersion(off, "k")).isEqualTo(3);
    }

    private static Agent agent(Canary canary) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Agent("agt_x", "org_x", Status.ACTIVE, 3, canary, CONFIG, "usr_x", now, now);
    }
}
