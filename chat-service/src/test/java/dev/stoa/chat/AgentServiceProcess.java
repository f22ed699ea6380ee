package dev.stoa.chat;

import dev.stoa.embedded.ServiceProcess;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.service.PlatformIssuerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real agent-service, run once per test JVM from its executable jar against the same embedded PostgreSQL and
 * Kafka, trusting the test token issuer: chat's ITs get runtime configs and record usage over real gRPC. Registered
 * before Spring's extension, it points chat's {@code agent} channel at it (a system property) before chat starts.
 */
final class AgentServiceProcess implements BeforeAllCallback {
    private static volatile Started started;

    record Started(ServiceProcess process, String restUrl, int grpcPort) {}

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    static synchronized Started get() {
        if (started == null) {
            started = start();
            System.setProperty("spring.grpc.client.channel.agent.target", "static://127.0.0.1:" + started.grpcPort());
        }
        return started;
    }

    private static Started start() {
        try {
            int http = freePort();
            int grpc = freePort();
            Map<String, Object> props =
                    new LinkedHashMap<>(StoaPostgres.database("agent").springProperties());
            props.put("spring.kafka.bootstrap-servers", StoaKafka.bootstrapServers());
            props.put("server.port", http);
            props.put("server.address", "127.0.0.1");
            props.put("spring.grpc.server.port", grpc);
            props.put("spring.grpc.server.address", "127.0.0.1");
            props.put("stoa.security.issuer", PlatformIssuerExtension.issuer().issuer());
            props.put("stoa.security.jwks-uri", PlatformIssuerExtension.jwksUri());
            props.put("stoa.secrets.keys.v1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
            props.put("stoa.secrets.active-version", "v1");
            props.put("stoa.agent.providers.allow-loopback", true);
            props.put("spring.datasource.hikari.minimum-idle", 1);
            ServiceProcess process = ServiceProcess.start(new ServiceProcess.Spec(
                    "agent-service",
                    ServiceProcess.executableJar(Path.of("..").toAbsolutePath().normalize(), "agent-service"),
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"),
                    props,
                    Map.of(),
                    Path.of("target", "service-logs")));
            String url = "http://127.0.0.1:" + http;
            process.awaitReady(url + "/actuator/health/readiness", Duration.ofMinutes(4));
            return new Started(process, url, grpc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
