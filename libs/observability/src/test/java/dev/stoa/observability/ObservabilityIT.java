package dev.stoa.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A minimal servlet app with the library, PostgreSQL and a Kafka broker that the test stops and restarts on the same
 * ports: metrics, JSON logs with trace and request ids, readiness following its dependencies.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;

    static int pgPort;
    static int kafkaPort;
    static StoaPostgres postgres;
    static StoaKafka kafka;
    static ConfigurableApplicationContext app;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        pgPort = freePort();
        kafkaPort = freePort();
        postgres = StoaPostgres.startPersistent(dir.resolve("pg"), pgPort);
        kafka = StoaKafka.startPersistent(dir.resolve("kafka"), kafkaPort);
        app = new SpringApplicationBuilder(TestApp.class)
                .properties(Map.of(
                        "server.port", "0",
                        "spring.application.name", "obs-test",
                        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                        "spring.datasource.username", "postgres",
                        "spring.datasource.hikari.connection-timeout", "1000",
                        "spring.datasource.hikari.validation-timeout", "500",
                        "spring.kafka.bootstrap-servers", kafka.brokers(),
                        "stoa.health.kafka.timeout", "1s",
                        "management.endpoint.health.show-components", "always",
                        // The build sets STOA_LOG_FORMAT=plain for readable test output; this test is about JSON.
                        "logging.structured.format.console", "ecs"))
                .run();
        base = "http://127.0.0.1:"
                + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void prometheusExposesHttpJvmHikariAndKafkaMeters() throws Exception {
        kafka.create("obs-test");
        app.getBean(KafkaTemplate.class).send("obs-test", "hello").get(30, TimeUnit.SECONDS);
        assertThat(get("/hello", Map.of()).statusCode()).isEqualTo(200);
        awaitReadiness(200); // the db check starts the Hikari pool, whose meters appear then
        HttpResponse<String> scrape = get("/actuator/prometheus", Map.of());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_bucket")
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections")
                .contains("kafka_producer_record_send_total")
                .contains("application=\"obs-test\"");
    }

    @Test
    void logLinesAreJsonWithTraceAndRequestIds(CapturedOutput output) throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        get("/hello", Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Request-Id", "req-42"));
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("hello from the test app"));
        String line = output.getOut()
                .lines()
                .filter(l -> l.contains("hello from the test app"))
                .findFirst()
                .orElseThrow();
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asString()).isEqualTo("hello from the test app");
        assertThat(json.path("trace_id").asString()).isEqualTo(traceId);
        assertThat(json.path("span_id").asString()).isEqualTo("00f067aa0ba902b7");
        assertThat(json.path("request_id").asString()).isEqualTo("req-42");
    }

    @Test
    void readinessFollowsPostgresNotKafkaWhoseOutageShowsInHealth() throws Exception {
        awaitReadiness(200);
        assertThat(get("/actuator/health/readiness", Map.of()).body())
                .contains("\"db\"")
                .doesNotContain("kafka");
        assertThat(get("/actuator/health", Map.of()).body()).contains("\"kafka\":{\"status\":\"UP\"");

        kafka.close();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health", Map.of()).body().contains("\"kafka\":{\"status\":\"DOWN\""));
        assertThat(get("/actuator/health/readiness", Map.of()).statusCode())
                .as("events wait in the outbox: the request path stays in rotation")
                .isEqualTo(200);
        assertThat(get("/actuator/health/liveness", Map.of()).statusCode()).isEqualTo(200);
        kafka = StoaKafka.startPersistent(dir.resolve("kafka"), kafkaPort);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health", Map.of()).body().contains("\"kafka\":{\"status\":\"UP\""));

        postgres.close();
        awaitReadiness(503);
        assertThat(get("/actuator/health/liveness", Map.of()).statusCode()).isEqualTo(200);
        postgres = StoaPostgres.startPersistent(dir.resolve("pg"), pgPort);
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health/readiness", Map.of()).statusCode() == status);
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** No component scan: it would pick up this package's auto-configuration classes as user configuration. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class TestApp {
        @GetMapping("/hello")
        String hello() {
            LoggerFactory.getLogger(TestApp.class).info("hello from the test app");
            return "hello";
        }
    }
}
