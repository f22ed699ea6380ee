package dev.stoa.grpc.server;

import static dev.stoa.grpc.TestTokens.ISSUER;
import static dev.stoa.grpc.TestTokens.ORG;
import static dev.stoa.grpc.TestTokens.SERVICE;
import static dev.stoa.grpc.TestTokens.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stoa.grpc.GrpcTestServer;
import dev.stoa.grpc.TestIdentityService;
import dev.stoa.grpc.TestTokens;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.Org;
import dev.stoa.test.Principals;
import io.grpc.ClientInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlatformTokenServerInterceptorTest {
    private final GrpcTestServer server = new GrpcTestServer(new TestIdentityService(), TestTokens.authentication());

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void acceptsValidTokenAndBindsCallerToTheCall() {
        Org org = getOrg(TestTokens.bearer(ISSUER.issue(USER)));

        assertThat(org.getId()).isEqualTo(ORG);
        assertThat(org.getName()).isEqualTo("user:usr_1");
    }

    @Test
    void tellsServiceCallerFromUserCaller() {
        assertThat(getOrg(TestTokens.bearer(ISSUER.issue(SERVICE))).getName()).isEqualTo("service:svc-chat");
    }

    @Test
    void refusesMissingToken() {
        assertUnauthenticated(stub(), "unauthenticated");
    }

    @Test
    void refusesNonBearerCredentials() {
        assertUnauthenticated(stub(TestTokens.header("Basic dXNlcjpwYXNz")), "unauthenticated");
    }

    @Test
    void refusesExpiredToken() {
        assertUnauthenticated(stub(TestTokens.bearer(ISSUER.expired(USER))), "invalid_token");
    }

    @Test
    void refusesTokenOfWrongIssuer() {
        assertUnauthenticated(stub(TestTokens.bearer(ISSUER.withWrongIssuer(USER))), "invalid_token");
    }

    @Test
    void refusesForgedTokens() {
        assertUnauthenticated(stub(TestTokens.bearer(ISSUER.tampered(USER))), "invalid_token");
        assertUnauthenticated(stub(TestTokens.bearer(ISSUER.unsigned(USER))), "invalid_token");
        assertUnauthenticated(stub(TestTokens.bearer(ISSUER.signedByOtherKey(USER))), "invalid_token");
    }

    @Test
    void refusesSdkToken() {
        String sdk = ISSUER.issue(Principals.sdk(ORG, "sdk_1"));

        assertUnauthenticated(stub(TestTokens.bearer(sdk)), "sdk_token_not_allowed");
    }

    @Test
    void servesPublicMethodWithoutToken() {
        var response = stub().issueServiceToken(IssueServiceTokenRequest.newBuilder()
                .setClientId("svc-chat")
                .build());

        assertThat(response.getToken().getAccessToken()).isEqualTo("service-token-1");
    }

    private Org getOrg(ClientInterceptor credentials) {
        return stub(credentials)
                .getOrg(GetOrgRequest.newBuilder().setOrgId("any").build())
                .getOrg();
    }

    private IdentityServiceBlockingStub stub(ClientInterceptor... interceptors) {
        return IdentityServiceGrpc.newBlockingStub(server.channel(interceptors));
    }

    private static void assertUnauthenticated(IdentityServiceBlockingStub stub, String code) {
        StatusRuntimeException e = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> stub.getOrg(GetOrgRequest.newBuilder().setOrgId("any").build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo(code);
    }
}
