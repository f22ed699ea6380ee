package dev.stoa.providers;

import static dev.stoa.providers.FakeProviders.endpoint;
import static dev.stoa.providers.FakeProviders.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.fakeprovider.FakeProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider clients' connect-time vetting, over real HTTP on loopback: no redirect is followed, a name whose answer
 * changes to a refused address after it was vetted (DNS rebinding) reaches nothing, and an address literal is vetted
 * at the socket too.
 */
class OutboundVettingTest {
    private static final VettedHttp.Timeouts TIMEOUTS = new VettedHttp.Timeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private FakeProvider fake;
    private HttpServer target;
    private final AtomicInteger targetHits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        fake = FakeProvider.start();
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            targetHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void stop() {
        fake.close();
        target.stop(0);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void providerClientsFollowNoRedirect(ProviderKind kind) throws IOException {
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders()
                    .add("Location", "http://127.0.0.1:" + target.getAddress().getPort() + "/v1/models");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            String base =
                    "http://127.0.0.1:" + redirecting.getAddress().getPort() + (kind.openAiProtocol() ? "/v1" : "");
            ModelProvider provider = ProviderClients.create(
                    new ProviderEndpoint(kind, base, "sk-" + kind.wire() + "-redirect"), fast(0));

            assertThatThrownBy(provider::probe).isInstanceOf(ProviderException.class);
            assertThat(targetHits).as("the redirect's target was never called").hasValue(0);
        } finally {
            redirecting.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void providerClientsConnectOnlyWhereTheirPolicyAllows(ProviderKind kind) {
        ModelProvider publicOnly = ProviderClients.create(
                endpoint(fake, kind, "sk-" + kind.wire() + "-public"),
                fast(0).withOutbound(OutboundPolicy.PUBLIC_ONLY));
        ModelProvider loopback = ProviderClients.create(
                endpoint(fake, kind, "sk-" + kind.wire() + "-loopback"), fast(0).withOutbound(OutboundPolicy.LOOPBACK));

        assertThatThrownBy(publicOnly::probe)
                .asInstanceOf(type(ProviderException.class))
                .extracting(ProviderException::code)
                .isEqualTo(ProviderException.UNREACHABLE);
        assertThat(fake.requestCount())
                .as("nothing reached the loopback server")
                .isZero();
        assertThat(loopback.probe().models()).isNotEmpty();
    }

    @Test
    void aNameThatRebindsToARefusedAddressReachesNothing() throws IOException {
        // vetted once as public (as at registration), the name then answers with the loopback server's address
        InetAddress[] answers = {InetAddress.getByName("8.8.8.8"), InetAddress.getLoopbackAddress()};
        AtomicInteger lookups = new AtomicInteger();
        Dns rebinding = host -> {
            if (!host.equals("models.rebind.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(answers[Math.min(lookups.getAndIncrement(), 1)]);
        };
        assertThat(OutboundPolicy.PUBLIC_ONLY.refusal(
                        rebinding.lookup("models.rebind.test").getFirst()))
                .isNull();
        OkHttpClient client = VettedHttp.client(OutboundPolicy.PUBLIC_ONLY, rebinding, TIMEOUTS);

        Request request = new Request.Builder()
                .url("http://models.rebind.test:" + target.getAddress().getPort() + "/v1/models")
                .build();
        assertThatThrownBy(() -> client.newCall(request).execute().close())
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("refused by the outbound policy");
        assertThat(targetHits).hasValue(0);
    }

    @Test
    void addressLiteralsAreVettedWhenTheSocketConnects() throws IOException {
        OkHttpClient publicOnly = VettedHttp.client(OutboundPolicy.PUBLIC_ONLY, TIMEOUTS);
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + target.getAddress().getPort() + "/")
                .build();

        assertThatThrownBy(() -> publicOnly.newCall(request).execute().close())
                .isInstanceOf(VettedHttp.RefusedAddressException.class);
        assertThat(targetHits).hasValue(0);

        try (Response admitted = VettedHttp.client(OutboundPolicy.LOOPBACK, TIMEOUTS)
                .newCall(request)
                .execute()) {
            assertThat(admitted.code()).isEqualTo(200);
        }
        assertThat(targetHits).hasValue(1);
    }
}
