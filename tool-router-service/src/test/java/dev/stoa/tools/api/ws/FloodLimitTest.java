package dev.stoa.tools.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloodLimitTest {
    @Test
    void refusesPastTheBurstClosesAPersistentFloodAndTakesBackRefundedFrames() {
        FloodLimit limit = new FloodLimit(0.001, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take()).isEqualTo(FloodLimit.Verdict.ALLOW);
        }
        assertThat(limit.take()).isEqualTo(FloodLimit.Verdict.REFUSE);

        limit.refund();

        assertThat(limit.take()).isEqualTo(FloodLimit.Verdict.ALLOW);
        FloodLimit.Verdict last = FloodLimit.Verdict.ALLOW;
        for (int i = 0; i < 1_000 && last != FloodLimit.Verdict.CLOSE; i++) {
            last = limit.take();
        }
        assertThat(last).isEqualTo(FloodLimit.Verdict.CLOSE);
    }

    @Test
    void aRefundNeverRaisesTheBucketPastItsBurst() {
        FloodLimit limit = new FloodLimit(0.001, 2);
        limit.refund();
        limit.refund();

        assertThat(limit.take()).isEqualTo(FloodLimit.Verdict.ALLOW);
        assertThat(limit.take()).isEqualTo(FloodLimit.Verdict.ALLOW);
        assertThat(limit.take()).isEqualTo(FloodLimit.Verdict.REFUSE);
    }
}
