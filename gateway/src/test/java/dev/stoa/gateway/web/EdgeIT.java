package dev.stoa.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.gateway.GatewayITSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

/** Rate limits, request ids and tracing, CORS, body limits and health, seen from a client. */
class EdgeIT extends GatewayITSupport {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void answersHealth() {
        client.get()
                .uri("/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"status\":\"ok\"}");
    }

    @Test
    void describesTheBudgetOnEveryResponseAndRefusesPastIt() {
        String authorization = bearer(newUser());
        long now = Instant.now().getEpochSecond();

        for (long remaining = LIMIT - 1; remaining >= 0; remaining--) {
            client.get()
                    .uri("/api/v1/org")
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-RateLimit-Limit", String.valueOf(LIMIT))
                    .expectHeader()
                    .valueEquals("X-RateLimit-Remaining", String.valueOf(remaining))
                    .expectHeader()
                    .value("X-RateLimit-Reset", reset -> assertThat(Long.parseLong(reset))
                            .isBetween(now, now + 61));
        }
        client.get()
                .uri("/api/v1/org")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(HttpHeaders.RETRY_AFTER, after -> assertThat(Long.parseLong(after))
                        .isBetween(1L, 60L))
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");
    }

    @Test
    void limitsAnonymousCallersPerIpEvenWhenTheyAreRefused() {
        for (int i = 0; i < LIMIT; i++) {
            client.get()
                    .uri("/api/v1/org")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueEquals("X-RateLimit-Remaining", String.valueOf(LIMIT - 1 - i));
        }
        client.get().uri("/api/v1/org").exchange().expectStatus().isEqualTo(429);

        client.get()
                .uri("/api/v1/org")
                .header("X-Forwarded-For", "203.0.113.77")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void propagatesAndEchoesAValidRequestIdAndTraceparent() {
        client.get()
                .uri("/api/v1/agents/a")
                .header(HttpHeaders.AUTHORIZATION, bearer(newUser()))
                .header("X-Request-Id", "client-req.42")
                .header("traceparent", TRACEPARENT)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Request-Id", "client-req.42")
                .expectHeader()
                .valueEquals("traceparent", TRACEPARENT);

        Map<String, List<String>> upstream = AGENT.lastHeaders("/api/v1/agents/a");
        assertThat(upstream).containsEntry("x-request-id", List.of("client-req.42"));
        assertThat(upstream).containsEntry("traceparent", List.of(TRACEPARENT));
    }

    @Test
    void generatesRequestIdAndTraceparentWhenMissingOrInvalid() {
        EntityExchangeResult<byte[]> result = client.get()
                .uri("/api/v1/agents/b")
                .header(HttpHeaders.AUTHORIZATION, bearer(newUser()))
                .header("X-Request-Id", "not valid!")
                .header("traceparent", "00-zz-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();

        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        String traceparent = result.getResponseHeaders().getFirst("traceparent");
        assertThat(requestId).startsWith("req_");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        Map<String, List<String>> upstream = AGENT.lastHeaders("/api/v1/agents/b");
        assertThat(upstream).containsEntry("x-request-id", List.of(requestId));
        assertThat(upstream).containsEntry("traceparent", List.of(traceparent));
    }

    @Test
    void carriesTheRequestIdInProblems() {
        client.get()
                .uri("/api/v1/org")
                .header("X-Request-Id", "problem-id-1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("X-Request-Id", "problem-id-1")
                .expectBody()
                .jsonPath("$.request_id")
                .isEqualTo("problem-id-1");
    }

    @Test
    void answersCorsPreflightsForAllowedOrigins() {
        client.options()
                .uri("/api/v1/org")
                .header(HttpHeaders.ORIGIN, "https://app.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example")
                .expectHeader()
                .value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods)
                        .contains("PATCH"));
        client.options()
                .uri("/api/v1/org")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void refusesBodiesOverTheLimitWhetherDeclaredOrStreamed() {
        String authorization = bearer(newUser());
        client.post()
                .uri("/api/v1/agents/a/chat")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[65 * 1024])
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload_too_large");
        client.method(HttpMethod.POST)
                .uri("/api/v1/agents/a/chat")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(80), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413);
        client.post()
                .uri("/api/v1/agents/a/chat")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks(8), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.body_bytes")
                .isEqualTo(8 * 1024);
    }

    /** A body of {@code kib} KiB sent chunked, without Content-Length. */
    private static Flux<DataBuffer> chunks(int kib) {
        return Flux.range(0, kib).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[1024]));
    }
}
