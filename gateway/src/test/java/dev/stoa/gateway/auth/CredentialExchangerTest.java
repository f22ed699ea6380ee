package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.identity.v1.ExchangeApiKeyRequest;
import dev.stoa.proto.identity.v1.ExchangeApiKeyResponse;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenRequest;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenResponse;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.PlatformToken;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/** API-key exchange against identity's gRPC contract, served in-process by a test double. */
class CredentialExchangerTest {
    private static final String KEY = "stoa_sk_test_key_1";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final FakeIdentity identity = new FakeIdentity();
    private final AtomicLong nanos = new AtomicLong();
    private final Instant start = Instant.parse("2026-11-22T10:00:00Z");
    private final List<String> seenAuthorization = new CopyOnWriteArrayList<>();
    private Server server;
    private ManagedChannel channel;
    private CredentialExchanger exchanger;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(identity, new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                            io.grpc.ServerCall<Q, R> call, Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                        seenAuthorization.add(String.valueOf(headers.get(AUTHORIZATION)));
                        return next.startCall(call, headers);
                    }
                }))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name)
                .intercept(GrpcChannelExtension.defaultDeadline())
                .build();
        Ticker ticker = nanos::get;
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plusNanos(nanos.get());
            }
        };
        IdentityClient client = new GrpcIdentityClient(channel, () -> "service-token", Duration.ofSeconds(5));
        exchanger = new CredentialExchanger(client, Duration.ofSeconds(30), 1000, Duration.ofSeconds(2), clock, ticker);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void exchangesOnceAndServesRepeatsFromTheCache() {
        ExchangedCredential first =
                exchanger.exchange(new Credential.ApiKey(KEY)).block();
        ExchangedCredential second =
                exchanger.exchange(new Credential.ApiKey(KEY)).block();

        assertThat(identity.calls).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(first).isNotNull();
        assertThat(first.accessToken()).isEqualTo("platform-token-1");
        assertThat(first.principal().tokenType()).isEqualTo(TokenType.API_KEY);
        assertThat(first.principal().scopes()).containsExactly("org:read");
        assertThat(seenAuthorization).containsExactly("Bearer service-token");
    }

    @Test
    void keycloakRefusalsKeepUnknownUserAndHideOtherReasons() {
        assertThatThrownBy(() -> exchanger.exchangeKeycloakToken("kc-stranger").block())
                .isInstanceOfSatisfying(StoaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
                    assertThat(e.code()).isEqualTo("unknown_user");
                });
        assertThatThrownBy(() -> exchanger.exchangeKeycloakToken("kc-forged").block())
                .isInstanceOfSatisfying(StoaException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_token");
                    assertThat(e.getMessage()).doesNotContain("details");
                });
        assertThat(identity.calls).hasValue(2);
    }

    @Test
    void coalescesConcurrentExchangesOfOneKey() {
        identity.hold = new CountDownLatch(1);

        Mono<List<ExchangedCredential>> all = Flux.range(0, 8)
                .flatMap(i -> exchanger.exchange(new Credential.ApiKey(KEY)))
                .collectList();
        var pending = all.toFuture();
        identity.hold.countDown();

        assertThat(pending.join()).hasSize(8).allMatch(c -> c.accessToken().equals("platform-token-1"));
        assertThat(identity.calls).hasValue(1);
    }

    @Test
    void aCallerThatHangsUpDoesNotLeaveTheOthersWaiting() {
        identity.hold = new CountDownLatch(1);
        reactor.core.Disposable first =
                exchanger.exchange(new Credential.ApiKey(KEY)).subscribe();
        var second = exchanger.exchange(new Credential.ApiKey(KEY)).toFuture();

        first.dispose();
        identity.hold.countDown();

        assertThat(second.orTimeout(5, TimeUnit.SECONDS).join().accessToken()).isEqualTo("platform-token-1");
        assertThat(identity.calls).hasValue(1);
        assertThat(exchanger.isCached(KEY)).isTrue();
    }

    @Test
    void aRefusalAfterTheCallerHungUpIsNotReportedAsADroppedError() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            identity.failWith = Status.UNAUTHENTICATED;
            identity.hold = new CountDownLatch(1);
            reactor.core.Disposable caller =
                    exchanger.exchange(new Credential.ApiKey(KEY)).subscribe(c -> {}, e -> {});
            var other = exchanger
                    .exchange(new Credential.ApiKey(KEY))
                    .map(c -> "answered")
                    .onErrorResume(StoaException.class, e -> Mono.just(e.code()))
                    .toFuture();

            caller.dispose();
            identity.hold.countDown();

            assertThat(other.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("invalid_api_key");
            assertThat(dropped).isEmpty();
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void aSharedCallThatNeverAnswersEndsForEveryWaiterAndIsNotKept() {
        identity.silent = true;

        var waiters = Flux.range(0, 4)
                .flatMap(i -> exchanger
                        .exchange(new Credential.ApiKey(KEY))
                        .map(c -> "answered")
                        .onErrorResume(StoaException.class, e -> Mono.just(e.code())))
                .collectList()
                .toFuture();

        assertThat(waiters.orTimeout(10, TimeUnit.SECONDS).join())
                .containsOnly("identity_unavailable")
                .hasSize(4);
        assertThat(exchanger.isCached(KEY)).isFalse();

        identity.silent = false;
        assertThat(exchanger.exchange(new Credential.ApiKey(KEY)).block()).isNotNull();
        assertThat(identity.calls).hasValue(2);
    }

    @Test
    void exchangesAgainOnceTheTokenIsWithinTheMarginOfExpiry() {
        exchanger.exchange(new Credential.ApiKey(KEY)).block();
        nanos.addAndGet(Duration.ofSeconds(269).toNanos());
        exchanger.exchange(new Credential.ApiKey(KEY)).block();
        assertThat(identity.calls).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        exchanger.exchange(new Credential.ApiKey(KEY)).block();

        assertThat(identity.calls).hasValue(2);
    }

    @Test
    void forgetsAnEvictedCredential() {
        exchanger.exchange(new Credential.ApiKey(KEY)).block();

        exchanger.evict(CredentialExchanger.hash(KEY).toUpperCase(java.util.Locale.ROOT));
        exchanger.exchange(new Credential.ApiKey(KEY)).block();

        assertThat(identity.calls).hasValue(2);
    }

    @Test
    void refusesAKeyIdentityDoesNotKnowAndDoesNotCacheTheRefusal() {
        identity.failWith = Status.UNAUTHENTICATED;

        assertThatThrownBy(() -> exchanger.exchange(new Credential.ApiKey(KEY)).block())
                .isInstanceOfSatisfying(StoaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
                    assertThat(e.code()).isEqualTo("invalid_api_key");
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
        identity.failWith = null;
        assertThat(exchanger.exchange(new Credential.ApiKey(KEY)).block()).isNotNull();
        assertThat(identity.calls).hasValue(2);
    }

    @Test
    void reportsAnUnreachableIdentityAsUnavailable() {
        identity.failWith = Status.UNAVAILABLE;

        assertThatThrownBy(() -> exchanger.exchange(new Credential.ApiKey(KEY)).block())
                .isInstanceOfSatisfying(
                        StoaException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    /** Issues a 5-minute api_key token per call, optionally failing or waiting for a latch. */
    private final class FakeIdentity extends IdentityServiceGrpc.IdentityServiceImplBase {
        final AtomicInteger calls = new AtomicInteger();
        volatile Status failWith;
        volatile CountDownLatch hold;
        volatile boolean silent;

        @Override
        public void exchangeApiKey(ExchangeApiKeyRequest request, StreamObserver<ExchangeApiKeyResponse> response) {
            int n = calls.incrementAndGet();
            if (silent) {
                return; // never answers: only the exchanger's own bound ends the wait
            }
            try {
                CountDownLatch latch = hold;
                if (latch != null && !latch.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test latch never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Status failure = failWith;
            if (failure != null) {
                response.onError(failure.asRuntimeException());
                return;
            }
            Instant expires = start.plusNanos(nanos.get()).plus(Duration.ofMinutes(5));
            response.onNext(ExchangeApiKeyResponse.newBuilder()
                    .setToken(PlatformToken.newBuilder()
                            .setAccessToken("platform-token-" + n)
                            .setExpiresAt(Timestamp.newBuilder().setSeconds(expires.getEpochSecond()))
                            .setOrgId("org_1")
                            .setSubject("key_1")
                            .setTokenType("api_key")
                            .addScopes("org:read")
                            .setSessionId("key_1")
                            .setRole("admin"))
                    .build());
            response.onCompleted();
        }

        @Override
        public void exchangeKeycloakToken(
                ExchangeKeycloakTokenRequest request, StreamObserver<ExchangeKeycloakTokenResponse> response) {
            calls.incrementAndGet();
            response.onError(
                    request.getKeycloakToken().equals("kc-stranger")
                            ? GrpcErrors.toStatusRuntimeException(
                                    new UnauthenticatedException("unknown_user", "no member"))
                            : GrpcErrors.toStatusRuntimeException(
                                    new UnauthenticatedException("invalid_token", "bad signature: details")));
        }
    }
}
