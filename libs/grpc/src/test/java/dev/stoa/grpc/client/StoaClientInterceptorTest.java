package dev.stoa.grpc.client;

import static dev.stoa.grpc.TestTokens.ISSUER;
import static dev.stoa.grpc.TestTokens.ORG;
import static dev.stoa.grpc.TestTokens.SERVICE;
import static dev.stoa.grpc.TestTokens.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.grpc.GrpcTestServer;
import dev.stoa.grpc.RecordingInterceptor;
import dev.stoa.grpc.TestIdentityService;
import dev.stoa.grpc.TestTokens;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.GetOrgResponse;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class StoaClientInterceptorTest {
    private static final String SERVICE_TOKEN = ISSUER.issue(SERVICE);
    private static final GetOrgRequest GET_ORG =
            GetOrgRequest.newBuilder().setOrgId("any").build();

    private final RecordingInterceptor downstreamCalls = new RecordingInterceptor();
    private final GrpcTestServer downstream =
            new GrpcTestServer(new TestIdentityService(), TestTokens.authentication(), downstreamCalls);
    private final StoaClientInterceptor withoutServiceToken =
            new StoaClientInterceptor(() -> null, Duration.ofSeconds(5));
    private final StoaClientInterceptor withServiceToken =
            new StoaClientInterceptor(() -> () -> SERVICE_TOKEN, Duration.ofSeconds(5));

    @AfterEach
    void stop() throws InterruptedException {
        SecurityContextHolder.clearContext();
        downstream.close();
    }

    @Test
    void propagatesTokenOfTheGrpcCallBeingServed() throws InterruptedException {
        IdentityServiceBlockingStub toDownstream =
                IdentityServiceGrpc.newBlockingStub(downstream.channel(withoutServiceToken));
        String userToken = ISSUER.issue(USER);
        try (GrpcTestServer upstream = new GrpcTestServer(new Forwarding(toDownstream), TestTokens.authentication())) {
            GetOrgResponse response = IdentityServiceGrpc.newBlockingStub(
                            upstream.channel(TestTokens.bearer(userToken)))
                    .getOrg(GET_ORG);

            assertThat(response.getOrg().getName()).isEqualTo("user:usr_1");
            assertThat(downstreamCalls.last().authorization()).isEqualTo("Bearer " + userToken);
        }
    }

    @Test
    void propagatesBearerTokenOfSpringSecurityContext() {
        String userToken = ISSUER.issue(USER);
        Jwt jwt = Jwt.withTokenValue(userToken)
                .header("alg", "RS256")
                .subject("usr_1")
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));

        GetOrgResponse response = stub(withServiceToken).getOrg(GET_ORG);

        assertThat(response.getOrg().getName()).isEqualTo("user:usr_1");
        assertThat(downstreamCalls.last().authorization()).isEqualTo("Bearer " + userToken);
    }

    @Test
    void sendsServiceTokenWhenNoCallerTokenExists() {
        GetOrgResponse response = stub(withServiceToken).getOrg(GET_ORG);

        assertThat(response.getOrg().getName()).isEqualTo("service:svc-chat");
    }

    @Test
    void sendsServiceTokenInsteadOfCallersWhenAskedTo() throws Exception {
        Context serving = GrpcPrincipal.bind(Context.current(), USER, ISSUER.issue(USER));

        GetOrgResponse response = serving.call(() -> stub(withServiceToken)
                .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true)
                .getOrg(GET_ORG));

        assertThat(response.getOrg().getName()).isEqualTo("service:svc-chat");
    }

    @Test
    void sendsNoTokenWhenAskedTo() {
        stub(withServiceToken)
                .withOption(StoaCallOptions.NO_TOKEN, true)
                .issueServiceToken(IssueServiceTokenRequest.getDefaultInstance());

        assertThat(downstreamCalls.last().authorization()).isNull();
    }

    @Test
    void appliesDefaultDeadlineWhenCallerSetNone() {
        stub(withServiceToken).getOrg(GET_ORG);

        long remaining = downstreamCalls.last().deadline().timeRemaining(TimeUnit.MILLISECONDS);
        assertThat(remaining).isPositive().isLessThanOrEqualTo(5_000);
    }

    @Test
    void keepsDeadlineTheCallerSet() {
        stub(withServiceToken).withDeadlineAfter(60, TimeUnit.SECONDS).getOrg(GET_ORG);

        assertThat(downstreamCalls.last().deadline().timeRemaining(TimeUnit.SECONDS))
                .isGreaterThan(30);
    }

    @Test
    void leavesStreamingCallsWithoutDefaultDeadline() {
        AtomicReference<CallOptions> sent = new AtomicReference<>();
        Channel capturing = new Channel() {
            @Override
            public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
                sent.set(options);
                return new NoopCall<>();
            }

            @Override
            public String authority() {
                return "test";
            }
        };
        MethodDescriptor<GetOrgRequest, GetOrgResponse> streaming = IdentityServiceGrpc.getGetOrgMethod().toBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                .build();

        withServiceToken.interceptCall(streaming, CallOptions.DEFAULT, capturing);

        assertThat(sent.get().getDeadline()).isNull();
    }

    private IdentityServiceBlockingStub stub(StoaClientInterceptor interceptor) {
        return IdentityServiceGrpc.newBlockingStub(downstream.channel(interceptor));
    }

    /** A call that is never started (the test only inspects the options it was created with). */
    private static final class NoopCall<Q, R> extends ClientCall<Q, R> {
        @Override
        public void start(Listener<R> listener, Metadata headers) {}

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(@Nullable String message, @Nullable Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
    }

    /** An upstream service whose GetOrg asks the downstream one, as a handler calling another service would. */
    private static final class Forwarding extends IdentityServiceGrpc.IdentityServiceImplBase {
        private final IdentityServiceBlockingStub downstream;

        Forwarding(IdentityServiceBlockingStub downstream) {
            this.downstream = downstream;
        }

        @Override
        public void getOrg(GetOrgRequest request, StreamObserver<GetOrgResponse> responses) {
            assertThat(GrpcPrincipal.current().orgId()).isEqualTo(ORG);
            responses.onNext(downstream.getOrg(request));
            responses.onCompleted();
        }
    }
}
