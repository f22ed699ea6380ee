package dev.stoa.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.grpc.GrpcTestServer;
import dev.stoa.grpc.RecordingInterceptor;
import dev.stoa.grpc.TestIdentityService;
import dev.stoa.grpc.TestTokens;
import dev.stoa.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityServiceTokenProviderTest {
    private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final TestIdentityService identity =
            new TestIdentityService(clock, Duration.ofMinutes(10), n -> "service-token-" + n);
    private final RecordingInterceptor identityCalls = new RecordingInterceptor();
    private final GrpcTestServer server = new GrpcTestServer(identity, TestTokens.authentication(), identityCalls);
    private final IdentityServiceTokenProvider provider = provider();

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void cachesTokenUntilAMinuteBeforeItExpires() {
        String first = provider.token();
        provider.token();
        clock.advance(Duration.ofMinutes(8));
        String stillCached = provider.token();
        clock.advance(Duration.ofSeconds(61));
        String refreshed = provider.token();

        assertThat(first).isEqualTo("service-token-1").isEqualTo(stillCached);
        assertThat(refreshed).isEqualTo("service-token-2");
        assertThat(identity.issued).hasValue(2);
    }

    @Test
    void issuesWithCredentialAndWithoutAskingItselfForAToken() {
        provider.token();

        assertThat(identity.lastClientSecret).isEqualTo("s3cret");
        assertThat(identityCalls.calls).hasSize(1);
        assertThat(identityCalls.last().authorization()).isNull();
        assertThat(provider.toString()).doesNotContain("s3cret");
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        identity.issueGate = gate;
        CountDownLatch started = new CountDownLatch(8);
        List<Future<String>> tokens = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                tokens.add(callers.submit(() -> {
                    started.countDown();
                    return provider.token();
                }));
            }
            started.await();
            await().atMost(Duration.ofSeconds(5)).until(() -> identity.issued.get() == 1);
            // While the first refresh is held open, no other caller may start its own.
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> identity.issued.get() == 1);
            gate.countDown();
            for (Future<String> token : tokens) {
                assertThat(token.get()).isEqualTo("service-token-1");
            }
        }
        assertThat(identity.issued).hasValue(1);
    }

    private IdentityServiceTokenProvider provider() {
        // The channel carries Stoa's client interceptor backed by this very provider, as in a service.
        AtomicReference<ServiceTokenProvider> self = new AtomicReference<>();
        StoaClientInterceptor interceptor = new StoaClientInterceptor(self::get, Duration.ofSeconds(5));
        var channel = server.channel(interceptor);
        IdentityServiceTokenProvider created =
                new IdentityServiceTokenProvider(() -> channel, "svc-chat", "s3cret", clock);
        self.set(created);
        return created;
    }
}
