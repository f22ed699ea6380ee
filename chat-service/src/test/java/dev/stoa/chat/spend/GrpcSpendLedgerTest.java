package dev.stoa.chat.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.monitoring.v1.SpendGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrpcSpendLedgerTest {
    @Test
    void aLedgerThatCannotBeAskedGivesNoAnswerAndIsCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ManagedChannel nowhere =
                InProcessChannelBuilder.forName("no-monitoring-here").build();
        try {
            GrpcSpendLedger ledger = new GrpcSpendLedger(
                    SpendGrpc.newBlockingStub(nowhere), Duration.ofMillis(500), Duration.ofSeconds(5), meters);

            assertThat(ledger.monthSpent("org_1", "agt_1")).isEmpty();
            assertThat(ledger.monthSpent("org_1", "agt_1")).isEmpty();

            assertThat(meters.counter("stoa.chat.spend.ledger_unavailable").count())
                    .isEqualTo(2);
        } finally {
            nowhere.shutdownNow();
        }
    }
}
