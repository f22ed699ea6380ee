package dev.stoa.grpc;

import static dev.stoa.grpc.TestTokens.ISSUER;
import static dev.stoa.grpc.TestTokens.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stoa.grpc.client.IdentityServiceTokenProvider;
import dev.stoa.grpc.client.ServiceTokenProvider;
import dev.stoa.grpc.client.StoaClientInterceptor;
import dev.stoa.grpc.client.StoaGrpcClientAutoConfiguration;
import dev.stoa.grpc.server.PlatformTokenServerInterceptor;
import dev.stoa.grpc.server.StoaGrpcServerAutoConfiguration;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

/** The auto-configured server and client, with Spring Security's config module present as in a REST service. */
class StoaGrpcAutoConfigurationTest {
    private final String serverName = InProcessServerBuilder.generateName();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class,
                    GrpcServerAutoConfiguration.class,
                    GrpcServerSecurityAutoConfiguration.class,
                    GrpcServerOAuth2ResourceServerAutoConfiguration.class,
                    GrpcClientAutoConfiguration.class,
                    StoaGrpcServerAutoConfiguration.class,
                    StoaGrpcClientAutoConfiguration.class))
            .withBean(TestIdentityService.class)
            .withPropertyValues(
                    "spring.grpc.server.inprocess.name=" + serverName,
                    "spring.grpc.server.port=0",
                    "stoa.security.jwks-uri=" + TestTokens.JWKS.jwksUri(),
                    "stoa.security.issuer=" + ISSUER.issuer(),
                    "stoa.grpc.public-methods=" + TestTokens.ISSUE_SERVICE_TOKEN);

    @Test
    void authenticatesAndMapsErrorsOnTheAutoConfiguredServer() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            // Boot's gRPC security is active (so its require-every-method interceptor could appear) ...
            assertThat(context).hasSingleBean(GrpcSecurity.class);
            // ... yet the only authentication interceptor is Stoa's, which lets public methods through.
            assertThat(context.getBeansOfType(AuthenticationProcessInterceptor.class)
                            .values())
                    .singleElement()
                    .isInstanceOf(PlatformTokenServerInterceptor.class);
            ManagedChannel channel = InProcessChannelBuilder.forName(serverName)
                    .intercept(GrpcChannelExtension.defaultDeadline())
                    .build();
            try {
                var anonymous = IdentityServiceGrpc.newBlockingStub(channel);
                var user = anonymous.withInterceptors(TestTokens.bearer(ISSUER.issue(USER)));

                assertThat(anonymous
                                .issueServiceToken(IssueServiceTokenRequest.getDefaultInstance())
                                .hasToken())
                        .isTrue();
                assertThat(statusOf(() -> anonymous.getOrg(org("any")))).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(user.getOrg(org("any")).getOrg().getName()).isEqualTo("user:usr_1");
                assertThat(statusOf(() -> user.getOrg(org("missing")))).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(statusOf(() -> user.getOrg(org("boom")))).isEqualTo(Status.Code.INTERNAL);
            } finally {
                channel.shutdownNow();
            }
        });
    }

    @Test
    void registersClientInterceptorAndServiceTokensOnlyWithACredential() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(StoaClientInterceptor.class);
            assertThat(context).doesNotHaveBean(ServiceTokenProvider.class);
        });
        runner.withPropertyValues(
                        "stoa.grpc.service-credential.client-id=svc-chat",
                        "stoa.grpc.service-credential.client-secret=s3cret")
                .run(context -> assertThat(context).hasSingleBean(IdentityServiceTokenProvider.class));
    }

    private static GetOrgRequest org(String id) {
        return GetOrgRequest.newBuilder().setOrgId(id).build();
    }

    private static Status.Code statusOf(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run)
                .getStatus()
                .getCode();
    }
}
