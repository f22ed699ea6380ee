package dev.stoa.tools;

import dev.stoa.proto.monitoring.v1.DetectorRule;
import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.GetPolicyResponse;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPolicy;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.Surface;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * monitoring-service's {@code SafetyPolicies} as its wire contract says, served over real gRPC on a free port; every
 * test context of the router reaches it through the {@code monitoring} channel property. An agent answers the policy a
 * test set for it, else the documented default (every detector flags, on every surface).
 */
final class FakeMonitoring extends SafetyPoliciesGrpc.SafetyPoliciesImplBase {
    private static final FakeMonitoring INSTANCE = new FakeMonitoring();
    private static final Server SERVER = start();

    private final Map<String, SafetyPolicy> byAgent = new ConcurrentHashMap<>();

    /** From now on, every detector of {@code agentId}'s policy takes {@code action} on every surface. */
    static void policy(String agentId, String action) {
        INSTANCE.byAgent.put(agentId, every(action));
    }

    @Override
    public void getPolicy(GetPolicyRequest request, StreamObserver<GetPolicyResponse> answer) {
        SafetyPolicy policy = byAgent.getOrDefault(request.getAgentId(), every("flag"));
        answer.onNext(GetPolicyResponse.newBuilder().setPolicy(policy).build());
        answer.onCompleted();
    }

    private static SafetyPolicy every(String action) {
        SafetyPolicy.Builder policy = SafetyPolicy.newBuilder().setSource("agent");
        for (DetectorId id : DetectorId.values()) {
            policy.putDetectors(
                    id.id(),
                    DetectorRule.newBuilder().setEnabled(true).setAction(action).build());
        }
        for (Surface surface : Surface.values()) {
            policy.addSurfaces(surface.id());
        }
        return policy.build();
    }

    private static Server start() {
        try {
            Server server =
                    ServerBuilder.forPort(0).addService(INSTANCE).build().start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the router's {@code monitoring} channel at the fake (registered in META-INF/spring.factories). */
    static final class CustomizerFactory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new Customizer();
        }
    }

    private record Customizer() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestPropertyValues.of("spring.grpc.client.channel.monitoring.target=static://127.0.0.1:" + SERVER.getPort())
                    .applyTo(context);
        }
    }
}
