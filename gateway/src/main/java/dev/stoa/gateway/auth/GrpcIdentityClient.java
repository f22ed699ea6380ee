package dev.stoa.gateway.auth;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.identity.v1.ExchangeApiKeyRequest;
import dev.stoa.proto.identity.v1.ExchangeApiKeyResponse;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenRequest;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenResponse;
import dev.stoa.proto.identity.v1.ExchangeSdkSecretRequest;
import dev.stoa.proto.identity.v1.ExchangeSdkSecretResponse;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceStub;
import dev.stoa.proto.identity.v1.PlatformToken;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * {@link IdentityClient} over identity's gRPC API, authenticated with the gateway's own service token. Calls are
 * asynchronous (no event-loop thread waits on them) and bounded by a deadline.
 */
public final class GrpcIdentityClient implements IdentityClient {
    private static final Logger log = LoggerFactory.getLogger(GrpcIdentityClient.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final String UNKNOWN_USER = "unknown_user";

    private final IdentityServiceStub stub;
    private final Supplier<String> serviceToken;
    private final Duration deadline;

    public GrpcIdentityClient(Channel channel, Supplier<String> serviceToken, Duration deadline) {
        this.stub = IdentityServiceGrpc.newStub(channel);
        this.serviceToken = serviceToken;
        this.deadline = deadline;
    }

    @Override
    public Mono<PlatformToken> exchangeApiKey(String apiKey) {
        ExchangeApiKeyRequest request =
                ExchangeApiKeyRequest.newBuilder().setApiKey(apiKey).build();
        return call(
                (s, o) -> s.exchangeApiKey(request, o),
                ExchangeApiKeyResponse::getToken,
                new UnauthenticatedException("invalid_api_key", "the API key is invalid or revoked"));
    }

    @Override
    public Mono<PlatformToken> exchangeSdkSecret(String sdkSecret) {
        ExchangeSdkSecretRequest request =
                ExchangeSdkSecretRequest.newBuilder().setSdkSecret(sdkSecret).build();
        return call(
                (s, o) -> s.exchangeSdkSecret(request, o),
                ExchangeSdkSecretResponse::getToken,
                new UnauthenticatedException("invalid_sdk_secret", "the SDK secret is invalid or revoked"));
    }

    @Override
    public Mono<PlatformToken> exchangeKeycloakToken(String keycloakToken) {
        ExchangeKeycloakTokenRequest request = ExchangeKeycloakTokenRequest.newBuilder()
                .setKeycloakToken(keycloakToken)
                .build();
        return call(
                (s, o) -> s.exchangeKeycloakToken(request, o),
                ExchangeKeycloakTokenResponse::getToken,
                new UnauthenticatedException("invalid_token", "the token is invalid or has expired"));
    }

    private <R> Mono<PlatformToken> call(
            BiConsumer<IdentityServiceStub, StreamObserver<R>> rpc,
            Function<R, PlatformToken> token,
            UnauthenticatedException refused) {
        // the provider may block on its first call (it fetches the service token), so never on an event loop
        return Mono.fromCallable(serviceToken::get)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof StoaException), GrpcIdentityClient::unavailable)
                .flatMap(bearer -> Mono.<R>create(sink -> rpc.accept(withCredentials(bearer), observer(sink))))
                .map(token)
                .switchIfEmpty(Mono.error(() -> unavailable(new IllegalStateException("empty response"))))
                .onErrorMap(StatusRuntimeException.class, e -> translate(e, refused));
    }

    /** identity's refusal, keeping the one code a client can act on ({@code unknown_user}); else {@code refused}. */
    private static Throwable translate(StatusRuntimeException e, UnauthenticatedException refused) {
        if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED
                && UNKNOWN_USER.equals(GrpcErrors.toStoaException(e).code())) {
            return new UnauthenticatedException(UNKNOWN_USER, "the token's user is not a member of any Stoa org");
        }
        return translateStatus(e, refused);
    }

    private IdentityServiceStub withCredentials(String bearer) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + bearer);
        // the gateway exchanges on its own behalf: never let a client interceptor substitute another token
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable translateStatus(StatusRuntimeException e, UnauthenticatedException refused) {
        return switch (e.getStatus().getCode()) {
            case UNAUTHENTICATED, NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT, FAILED_PRECONDITION -> refused;
            default -> unavailable(e);
        };
    }

    /** identity could not be asked (down, slow, or answered nothing): 503, retryable. */
    static StoaException unavailable(Throwable cause) {
        log.warn("credential exchange with identity failed: {}", cause.toString());
        return new StoaException(
                ErrorKind.UNAVAILABLE,
                "identity_unavailable",
                "credentials cannot be checked right now",
                true,
                List.of(),
                cause);
    }

    private static <R> StreamObserver<R> observer(MonoSink<R> sink) {
        return new StreamObserver<>() {
            @Override
            public void onNext(R value) {
                sink.success(value);
            }

            @Override
            public void onError(Throwable t) {
                sink.error(t);
            }

            @Override
            public void onCompleted() {
                sink.success();
            }
        };
    }
}
