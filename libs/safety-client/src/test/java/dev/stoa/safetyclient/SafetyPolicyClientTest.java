package dev.stoa.safetyclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.monitoring.v1.DetectorRule;
import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.GetPolicyResponse;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPolicy;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.Surface;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SafetyPolicyClientTest {
    private final List<GetPolicyRequest> asked = new ArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(new SafetyPoliciesGrpc.SafetyPoliciesImplBase() {
                    @Override
                    public void getPolicy(GetPolicyRequest request, StreamObserver<GetPolicyResponse> responses) {
                        asked.add(request);
                        if (down.get()) {
                            responses.onError(Status.UNAVAILABLE.asRuntimeException());
                            return;
                        }
                        responses.onNext(GetPolicyResponse.newBuilder()
                                .setPolicy(SafetyPolicy.newBuilder()
                                        .putDetectors(
                                                "payment_card",
                                                DetectorRule.newBuilder()
                                                        .setEnabled(true)
                                                        .setAction("block")
                                                        .build())
                                        .putDetectors(
                                                "email",
                                                DetectorRule.newBuilder()
                                                        .setEnabled(false)
                                                        .setAction("flag")
                                                        .build())
                                        .addSurfaces("user_input")
                                        .addSurfaces("a_surface_from_the_future")
                                        .setSource("org"))
                                .build());
                        responses.onCompleted();
                    }
                })
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private SafetyPolicyClient client(Duration ttl) {
        return new SafetyPolicyClient(SafetyPoliciesGrpc.newBlockingStub(channel), Duration.ofSeconds(1), ttl, meters);
    }

    @Test
    void readsTheWirePolicyAndKeepsItForItsTime() {
        SafetyPolicyClient client = client(Duration.ofMinutes(1));

        dev.stoa.safety.SafetyPolicy policy = client.policyOf("org-1", "agent-1");
        client.policyOf("org-1", "agent-1");

        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().getOrgId()).isEqualTo("org-1");
        assertThat(asked.getFirst().getAgentId()).isEqualTo("agent-1");
        assertThat(policy.rule(DetectorId.PAYMENT_CARD).action()).isEqualTo(SafetyAction.BLOCK);
        assertThat(policy.applies(DetectorId.PAYMENT_CARD, Surface.USER_INPUT)).isTrue();
        assertThat(policy.applies(DetectorId.PAYMENT_CARD, Surface.MODEL_OUTPUT))
                .isFalse();
        assertThat(policy.applies(DetectorId.EMAIL, Surface.USER_INPUT)).isFalse();
        assertThat(policy.applies(DetectorId.PHONE, Surface.USER_INPUT))
                .as("a detector the answer lacks runs with the default rule")
                .isTrue();
        assertThat(policy.surfaces()).containsExactly(Surface.USER_INPUT);
    }

    @Test
    void asksAgainOnceTheTimeIsUpAndEachAgentApart() {
        SafetyPolicyClient client = client(Duration.ZERO);

        client.policyOf("org-1", "agent-1");
        client.policyOf("org-1", "agent-1");
        client.policyOf("org-1", null);

        assertThat(asked).hasSize(3);
        assertThat(asked.getLast().getAgentId()).isEmpty();
    }

    @Test
    void anOutageIsAskedAboutOncePerTtlNotOnEveryCall() {
        SafetyPolicyClient client = client(Duration.ofMinutes(1));
        down.set(true);

        client.policyOf("org-1", "agent-1");
        client.policyOf("org-1", "agent-1");

        assertThat(asked).hasSize(1);
        assertThat(meters.counter("stoa.safety.policy_unavailable").count()).isEqualTo(1.0);
    }

    @Test
    void anOutageKeepsTheLastKnownPolicyAndAnAgentNeverSeenGetsTheDefault() {
        SafetyPolicyClient client = client(Duration.ZERO);
        client.policyOf("org-1", "agent-1");
        down.set(true);

        assertThat(client.policyOf("org-1", "agent-1")
                        .rule(DetectorId.PAYMENT_CARD)
                        .action())
                .as("blocking goes on through the outage")
                .isEqualTo(SafetyAction.BLOCK);
        assertThat(client.policyOf("org-1", "agent-2")).isEqualTo(dev.stoa.safety.SafetyPolicy.defaults());
        assertThat(meters.counter("stoa.safety.policy_unavailable").count()).isEqualTo(2.0);
    }
}
