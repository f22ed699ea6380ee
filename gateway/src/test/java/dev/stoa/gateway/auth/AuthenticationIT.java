package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.gateway.GatewayITSupport;
import dev.stoa.test.Principals;
import io.grpc.ManagedChannel;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Who gets through the gateway, and with which token (ARCHITECTURE §2). */
class AuthenticationIT extends GatewayITSupport {

    @Test
    void forwardsAValidPlatformTokenUnchanged() {
        String authorization = bearer(newUser());

        client.get()
                .uri("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.route")
                .isEqualTo("identity");

        assertThat(IDENTITY.lastHeaders("/api/v1/org"))
                .containsEntry("authorization", java.util.List.of(authorization));
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", (Function<Principal, String>) ISSUER::expired),
                Arguments.of("tampered", (Function<Principal, String>) ISSUER::tampered),
                Arguments.of("alg none", (Function<Principal, String>) ISSUER::unsigned),
                Arguments.of("wrong issuer", (Function<Principal, String>) ISSUER::withWrongIssuer),
                Arguments.of("other key", (Function<Principal, String>) ISSUER::signedByOtherKey));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesBadPlatformTokensWithAProblem(String variant, Function<Principal, String> token) {
        client.get()
                .uri("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.apply(newUser()))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_token")
                .jsonPath("$.type")
                .isEqualTo("https://stoa.dev/problems/invalid_token")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.title")
                .isEqualTo("Unauthorized")
                .jsonPath("$.request_id")
                .isNotEmpty();
    }

    @Test
    void refusesRequestsWithoutCredentials() {
        client.get()
                .uri("/api/v1/auth/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }

    @Test
    void letsPublicPathsThroughWithoutCredentials() {
        client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.route")
                .isEqualTo("identity");
    }

    @Test
    void refusesSdkTokensOnRestAndUserTokensOnTheSdkSocket() {
        client.get()
                .uri("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, bearer(Principals.sdk("org_1", "sdk_1")))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_credential_type");
        client.get()
                .uri("/ws/sdk/connect")
                .header(HttpHeaders.AUTHORIZATION, bearer(newUser()))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get()
                .uri("/api/v1/org")
                .header("x-api-key", "stoa_sdk_secret_value")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).doesNotContain("stoa_sdk_secret_value"));
    }

    @Test
    void holdsApiKeysToTheScopesOfTheRoute() {
        Principal reader = Principals.apiKey("org_1", "key_r", "usr_1", Role.ADMIN, Set.of("org:read"));

        client.get()
                .uri("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, bearer(reader))
                .exchange()
                .expectStatus()
                .isOk();
        client.patch()
                .uri("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, bearer(reader))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("insufficient_scope")
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("org:write"));
        client.get()
                .uri("/api/v1/auth/me")
                .header(HttpHeaders.AUTHORIZATION, bearer(reader))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void routesAgentSubResourcesBeforeTheAgentCatchAll() {
        expectRoute("/api/v1/agents/a/chat", "chat");
        expectRoute("/api/v1/agents/a/conversations/c1", "chat");
        expectRoute("/api/v1/agents/a", "agent");
        expectRoute("/api/v1/agents/a/versions", "agent");
        expectRoute("/api/v1/org/members", "identity");
    }

    @Test
    void reachesIdentityOverTheConfiguredGrpcChannel(@Autowired GrpcChannelFactory channels) {
        ManagedChannel channel = channels.createChannel("identity");
        try {
            assertThat(channel.authority()).isEqualTo("127.0.0.1:" + DEAD_PORT);
        } finally {
            channel.shutdownNow();
        }
    }

    private void expectRoute(String path, String route) {
        client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(newUser()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.route")
                .isEqualTo(route)
                .jsonPath("$.path")
                .isEqualTo(path);
    }
}
