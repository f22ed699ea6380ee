package dev.stoa.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the web server cannot parse, or that break the input guard, answered at the edge with the one problem
 * shape and a stable code instead of Reactor Netty's or Spring's empty 400/414/431. Sent over a raw socket: no HTTP
 * client library sends them.
 */
class EdgeInputIT extends GatewayITSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void malformedEscapeInTheQueryNamesTheParameter() throws IOException {
        Raw answer = send("GET /api/v1/org?limit=1&cursor=%%% HTTP/1.1\r\nHost: x\r\n\r\n");

        answer.assertProblem(400, "validation_failed");
        assertThat(answer.json().at("/errors/0/field").asString()).isEqualTo("cursor");
        assertThat(answer.json().at("/errors/0/message").asString()).isEqualTo("is not valid percent-encoded UTF-8");
        assertThat(answer.json().path("instance").asString()).isEqualTo("/api/v1/org");
        assertThat(answer.head())
                .containsIgnoringCase(
                        "X-Request-Id: " + answer.json().path("request_id").asString());
    }

    @Test
    void charactersThatMustBeEncodedAreRefusedNamingTheParameter() throws IOException {
        Raw answer = send("GET /api/v1/org?q=a|b HTTP/1.1\r\nHost: x\r\n\r\n");

        answer.assertProblem(400, "validation_failed");
        assertThat(answer.json().at("/errors/0/field").asString()).isEqualTo("q");
    }

    @Test
    void overLongUriIsUriTooLong() throws IOException {
        send("GET /api/v1/" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .assertProblem(414, "uri_too_long");
    }

    @Test
    void overLargeHeadersAreHeadersTooLarge() throws IOException {
        send("GET /api/v1/org HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9_000) + "\r\n\r\n")
                .assertProblem(431, "headers_too_large");
    }

    @Test
    void unparseableRequestLineOrHeaderIsMalformedRequest() throws IOException {
        send("GARBAGE\r\n\r\n").assertProblem(400, "malformed_request");
        send("GET /api/v1/org HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0001b\r\n\r\n").assertProblem(400, "malformed_request");
    }

    @Test
    void methodsTheApiDoesNotUseAreNotAllowed() throws IOException {
        for (String method : new String[] {"TRACE", "FOO", "PROPFIND"}) {
            Raw answer = send(method + " /api/v1/org HTTP/1.1\r\nHost: x\r\n\r\n");

            answer.assertProblem(405, "method_not_allowed");
            assertThat(answer.head()).containsIgnoringCase("Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
    }

    @Test
    void pathsWithNulDotSegmentsOrEncodedSlashesAreRefusedBeforeRouting() throws IOException {
        for (String path : new String[] {"/api/v1/agents/%00", "/api/v1/agents/%2E%2E/org", "/api/v1/agents/a%2Fb"}) {
            Raw answer = send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");

            answer.assertProblem(400, "validation_failed");
            assertThat(answer.json().at("/errors/0/field").asString()).isEqualTo("path");
        }
        assertThat(AGENT.lastHeaders("/api/v1/agents/%00")).isNull();
    }

    @Test
    void theGatewaysOwnEndpointsAnswerWrongMethodsAndMediaTypesWithProblems() throws IOException {
        Raw post = send("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nhi");
        Raw xml = send("GET /openapi.json HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\n\r\n");

        assertThat(post.status()).isBetween(400, 499);
        post.assertProblem(post.status(), post.json().path("code").asString());
        assertThat(xml.status() == 200 || xml.head().toLowerCase().contains("application/problem+json"))
                .as(xml.head())
                .isTrue();
    }

    private Raw send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String withClient =
                    request.replaceFirst("\r\n", "\r\nX-Forwarded-For: " + clientIp + "\r\nConnection: close\r\n");
            out.write(withClient.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new Raw(response.substring(0, split), response.substring(split + 4));
        }
    }

    /** A raw answer: status line and headers, and the body. */
    private record Raw(String head, String body) {
        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        void assertProblem(int status, String code) {
            assertThat(status()).as(head + "\n" + body).isEqualTo(status);
            assertThat(head).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(json().path("code").asString()).isEqualTo(code);
            assertThat(json().path("status").asInt()).isEqualTo(status);
            assertThat(json().path("type").asString()).isEqualTo("https://stoa.dev/problems/" + code);
            assertThat(json().path("request_id").asString()).isNotEmpty();
        }
    }
}
