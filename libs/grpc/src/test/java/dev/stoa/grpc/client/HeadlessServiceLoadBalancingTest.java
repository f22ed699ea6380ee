package dev.stoa.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.grpc.TestIdentityService;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import io.grpc.EquivalentAddressGroup;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * gRPC between services as the Helm chart configures it: the client's target is the callee's headless Service
 * ({@code dns:///<release>-<service>-grpc:<port>}, which resolves to every ready pod) and the channel balances
 * round-robin, so replicas the HPA adds get calls. Two real servers on loopback stand in for two pods; a DNS
 * resolver that answers with both addresses stands in for the cluster's DNS.
 */
class HeadlessServiceLoadBalancingTest {
    private static final String HEADLESS = "stoa-identity-service-grpc";

    private final TestIdentityService podA = new TestIdentityService();
    private final TestIdentityService podB = new TestIdentityService();
    private final ClusterDns dns = new ClusterDns();
    private Server serverA;
    private Server serverB;

    private final ApplicationContextRunner client = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, GrpcClientAutoConfiguration.class))
            // What the chart renders into STOA_IDENTITY_GRPC, which gateway.yml reads as this channel's target.
            .withPropertyValues(
                    "spring.grpc.client.channel.identity.target=dns:///" + HEADLESS + ":9081",
                    // grpc-inprocess is on this module's test classpath only; a service has the Netty factory alone.
                    "spring.grpc.client.inprocess.enabled=false");

    @BeforeEach
    void startTwoPods() throws IOException {
        serverA = start(podA);
        serverB = start(podB);
        dns.addresses = List.of(loopback(serverA.getPort()), loopback(serverB.getPort()));
        NameResolverRegistry.getDefaultRegistry().register(dns);
    }

    @AfterEach
    void stopPods() throws InterruptedException {
        NameResolverRegistry.getDefaultRegistry().deregister(dns);
        serverA.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        serverB.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void callsThroughOneChannelSpreadOverBothPods() {
        client.run(context -> {
            ManagedChannel channel =
                    (ManagedChannel) context.getBean(GrpcChannelFactory.class).createChannel("identity");
            try {
                call(channel, 40);
            } finally {
                channel.shutdownNow();
            }
        });

        assertThat(podA.issued.get() + podB.issued.get()).isEqualTo(40);
        assertThat(podA.issued.get()).as("pod A's share").isGreaterThanOrEqualTo(10);
        assertThat(podB.issued.get()).as("pod B's share").isGreaterThanOrEqualTo(10);
    }

    @Test
    void withoutRoundRobinOneConnectionTakesEveryCall() {
        // The control: gRPC's own default (pick_first) is what a ClusterIP Service amounts to; one pod gets it all.
        client.withPropertyValues("spring.grpc.client.channel.identity.default.load-balancing-policy=pick_first")
                .run(context -> {
                    ManagedChannel channel = (ManagedChannel)
                            context.getBean(GrpcChannelFactory.class).createChannel("identity");
                    try {
                        call(channel, 40);
                    } finally {
                        channel.shutdownNow();
                    }
                });

        assertThat(List.of(podA.issued.get(), podB.issued.get())).containsExactlyInAnyOrder(0, 40);
    }

    private static void call(ManagedChannel channel, int calls) {
        var stub = IdentityServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < calls; i++) {
            stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .issueServiceToken(IssueServiceTokenRequest.getDefaultInstance());
        }
    }

    private static Server start(TestIdentityService service) throws IOException {
        return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(service)
                .build()
                .start();
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The cluster's DNS for scheme dns: the headless Service's name resolves to every pod. */
    private static final class ClusterDns extends NameResolverProvider {
        volatile List<InetSocketAddress> addresses = List.of();

        @Override
        protected boolean isAvailable() {
            return true;
        }

        @Override
        protected int priority() {
            return 10; // above grpc-java's own DNS resolver (5)
        }

        @Override
        public String getDefaultScheme() {
            return "dns";
        }

        @Override
        public @Nullable NameResolver newNameResolver(URI target, NameResolver.Args args) {
            if (!"dns".equals(target.getScheme()) || !target.getPath().startsWith("/" + HEADLESS + ":")) {
                return null;
            }
            List<EquivalentAddressGroup> pods =
                    addresses.stream().map(EquivalentAddressGroup::new).toList();
            return new NameResolver() {
                @Override
                public String getServiceAuthority() {
                    return HEADLESS;
                }

                @Override
                public void start(Listener2 listener) {
                    listener.onResult(ResolutionResult.newBuilder()
                            .setAddressesOrError(io.grpc.StatusOr.fromValue(pods))
                            .build());
                }

                @Override
                public void shutdown() {}
            };
        }
    }
}
