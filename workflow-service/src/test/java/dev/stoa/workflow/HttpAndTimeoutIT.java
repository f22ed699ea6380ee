package dev.stoa.workflow;

import static dev.stoa.workflow.Flows.awaitStatus;
import static dev.stoa.workflow.Flows.execute;
import static dev.stoa.workflow.Flows.step;
import static dev.stoa.workflow.Flows.uniqueName;
import static dev.stoa.workflow.Flows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** HTTP steps (a real server on loopback, which the tests allow; metadata addresses never) and step timeouts. */
@WorkflowServiceTest
class HttpAndTimeoutIT {

    @Test
    void anHttpStepPostsItsBodyWithTheAttemptKey(TestHttp http) throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
            byte[] answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String token = TestOrg.create().member();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            String wf = workflow(
                    http,
                    token,
                    List.of(Map.of(
                            "id",
                            "notify",
                            "type",
                            "http",
                            "method",
                            "POST",
                            "url",
                            url,
                            "body",
                            Map.of("order", "$.input.order"))));
            String run = execute(http, token, wf, Map.of("order", "o-7"));
            JsonNode done = awaitStatus(http, token, run, "completed", "failed");
            assertThat(step(done, "notify")
                            .path("output")
                            .path("body")
                            .path("accepted")
                            .asBoolean())
                    .isTrue();
            assertThat(seen).containsExactly("wf:" + run + ":notify:1 {\"order\":\"o-7\"}");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void cloudMetadataIsNeverCalled(TestHttp http) {
        String token = TestOrg.create().member();
        String wf = workflow(
                http,
                token,
                List.of(Map.of("id", "steal", "type", "http", "url", "http://169.254.169.254/latest/meta-data/")));
        JsonNode failed = awaitStatus(http, token, execute(http, token, wf, Map.of()), "failed", "completed");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(step(failed, "steal").path("error").asString()).contains("metadata");
    }

    @Test
    void aStepThatOutlivesItsTimeoutFails(TestHttp http) {
        String token = TestOrg.create().member();
        String agent = uniqueName("too-slow");
        FakePeers.hold(agent);
        try {
            String wf = workflow(
                    http,
                    token,
                    List.of(Map.of(
                            "id", "think", "type", "agent", "agent_id", agent, "message", "hi", "timeout_ms", 500)));
            JsonNode failed = awaitStatus(http, token, execute(http, token, wf, Map.of()), "failed", "completed");
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(step(failed, "think").path("error").asString()).contains("deadline_exceeded");
        } finally {
            FakePeers.release(agent);
        }
    }
}
