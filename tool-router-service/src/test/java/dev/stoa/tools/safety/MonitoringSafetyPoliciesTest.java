package dev.stoa.tools.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.proto.monitoring.v1.DetectorRule;
import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.GetPolicyResponse;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPolicy;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safetyclient.SafetyPolicyClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only an agent's first call waits for monitoring; a stale policy is used while it is refreshed in the background. */
class MonitoringSafetyPoliciesTest {
    private final AtomicInteger asked = new AtomicInteger();
    private volatile String action = "flag";
    /** Holds monitoring's answers while closed: a slow monitoring, released by the test. */
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private Server server;
    private ManagedChannel channel;
    private MonitoringSafetyPolicies policies;

    @BeforeEach
    void start() throws Exception {
        server = ServerBuilder.forPort(0)
                .addService(new SafetyPoliciesGrpc.SafetyPoliciesImplBase() {
                    @Override
                    public void getPolicy(GetPolicyRequest request, StreamObserver<GetPolicyResponse> answer) {
                        asked.incrementAndGet();
                        try {
                            gate.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        answer.onNext(GetPolicyResponse.newBuilder()
                                .setPolicy(SafetyPolicy.newBuilder()
                                        .putDetectors(
                                                "payment_card",
                                                DetectorRule.newBuilder()
                                                        .setEnabled(true)
                                                        .setAction(action)
                                                        .build())
                                        .addSurfaces("tool_arguments"))
                                .build());
                        answer.onCompleted();
                    }
                })
                .build()
                .start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        // a zero ttl: every policy is stale at once, as in production after 10 s
        policies = new MonitoringSafetyPolicies(
                new SafetyPolicyClient(
                        SafetyPoliciesGrpc.newBlockingStub(channel),
                        Duration.ofSeconds(20),
                        Duration.ZERO,
                        new SimpleMeterRegistry()),
                Duration.ZERO);
    }

    @AfterEach
    void stop() {
        policies.close();
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void aStalePolicyIsUsedAtOnceWhileOneRequestRefreshesIt() throws Exception {
        // the first call asks monitoring
        assertThat(cardAction()).isEqualTo(SafetyAction.FLAG);
        assertThat(asked).hasValue(1);

        // once the policy is stale and monitoring answers slowly, calls go on with the known policy
        action = "block";
        CountDownLatch slow = new CountDownLatch(1);
        gate = slow;
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(cardAction()).isEqualTo(SafetyAction.FLAG);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        // with one refresh in flight, however many calls came
        await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() == 2);
        assertThat(cardAction()).isEqualTo(SafetyAction.FLAG);
        assertThat(asked).hasValue(2);

        // and once monitoring answers, that refresh brings the new policy
        slow.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> cardAction() == SafetyAction.BLOCK);
    }

    private SafetyAction cardAction() {
        return policies.policyOf("org_1", "agt_1").rule(DetectorId.PAYMENT_CARD).action();
    }
}
