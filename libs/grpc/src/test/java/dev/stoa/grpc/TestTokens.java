package dev.stoa.grpc;

import dev.stoa.common.auth.PlatformJwtDecoders;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.grpc.server.PlatformTokenServerInterceptor;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestJwtIssuer;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.List;

/** One issuer and JWKS for the whole test JVM, and helpers to send its tokens. */
public final class TestTokens {
    public static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    public static final JwksServer JWKS = JwksServer.start(ISSUER);
    public static final String ORG = "org_01jd0000000000000000000000";
    public static final Principal USER = Principals.user(ORG, "usr_1", Role.MEMBER);
    public static final Principal SERVICE = Principals.service("svc-chat");
    public static final String ISSUE_SERVICE_TOKEN = "stoa.identity.v1.IdentityService/IssueServiceToken";

    private TestTokens() {}

    public static PlatformTokenServerInterceptor authentication() {
        return new PlatformTokenServerInterceptor(
                PlatformJwtDecoders.fromJwks(JWKS.jwksUri(), ISSUER.issuer()), List.of(ISSUE_SERVICE_TOKEN));
    }

    /** Sends a fixed {@code authorization} header, as an external client would. */
    public static ClientInterceptor bearer(String token) {
        return header("Bearer " + token);
    }

    public static ClientInterceptor header(String authorization) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }
}
