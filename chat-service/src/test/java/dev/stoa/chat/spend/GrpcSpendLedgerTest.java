package dev.stoa.chat.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.monitoring.v1.GetMonthSpendRequest;
import dev.stoa.proto.monitoring.v1.GetMonthSpendResponse;
import dev.stoa.proto.monitoring.v1.SpendGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GrpcSpendLedgerTest {
    @Test
    void aLedgerThatCannotBeAskedGivesNoAnswerIsCountedAndIsNotAskedAgainWithinItsTtl() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ManagedChannel nowhere =
                InProcessChannelBuilder.forName("no-monitoring-here").build();
        try {
            GrpcSpendLedger ledger = new GrpcSpendLedger(
                    SpendGrpc.newBlockingStub(nowhere), Duration.ofMillis(500), Duration.ofSeconds(5), meters);

            assertThat(ledger.monthSpent("org_1", "agt_1")).isEmpty();
            assertThat(ledger.monthSpent("org_1", "agt_1")).isEmpty();

            assertThat(meters.counter("stoa.chat.spend.ledger_unavailable").count())
                    .isEqualTo(1);
        } finally {
            nowhere.shutdownNow();
        }
    }

    @Test
    void throughAnOutageTheLastAnswerKnownStaysInUse() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicInteger asked = new AtomicInteger();
        String name = "monitoring-" + System.nanoTime();
        Server monitoring = InProcessServerBuilder.forName(name)
                .addService(new SpendGrpc.SpendImplBase() {
                    @Override
                    public void getMonthSpend(
                            GetMonthSpendRequest request, StreamObserver<GetMonthSpendResponse> responses) {
                        asked.incrementAndGet();
                        responses.onNext(GetMonthSpendResponse.newBuilder()
                                .setSpentMicros(42_000)
                                .build());
                        responses.onCompleted();
                    }
                })
                .build()
                .start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        try {
            // a ttl of zero asks on every call
            GrpcSpendLedger ledger = new GrpcSpendLedger(
                    SpendGrpc.newBlockingStub(channel), Duration.ofMillis(500), Duration.ZERO, meters);
            assertThat(ledger.monthSpent("org_1", "agt_1")).hasValue(42_000);

            monitoring.shutdownNow().awaitTermination();

            assertThat(ledger.monthSpent("org_1", "agt_1")).hasValue(42_000);
            assertThat(ledger.monthSpent("org_1", "agt_2")).isEmpty();
            assertThat(asked).hasValue(1);
            assertThat(meters.counter("stoa.chat.spend.ledger_unavailable").count())
                    .isEqualTo(2);
        } finally {
            channel.shutdownNow();
            monitoring.shutdownNow();
        }
    }
}
