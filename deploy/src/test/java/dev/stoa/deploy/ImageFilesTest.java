package dev.stoa.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker: images cannot be built here (no Docker engine), so the Dockerfile is checked for what matters and
 * the two scripts it installs are run for real.
 */
class ImageFilesTest {
    private static final Path REPO = Tools.repo();
    private static final Path DOCKER = REPO.resolve("deploy/docker");

    @TempDir
    Path tmp;

    @Test
    void dockerfileRunsTheTestedJarAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar")
                .containsPattern("(?m)^USER 10001:10001$")
                .containsPattern("(?m)^ENTRYPOINT \\[\"/opt/stoa/entrypoint.sh\"]$");
        assertThat(dockerfile.lastIndexOf("USER 10001")).isGreaterThan(dockerfile.lastIndexOf("RUN "));
        Matcher copies = Pattern.compile("(?m)^COPY --chmod=\\d+ (\\S+) ").matcher(dockerfile);
        int scripts = 0;
        while (copies.find()) {
            assertThat(REPO.resolve(copies.group(1))).exists();
            assertThat(Files.readString(DOCKER.resolve("Dockerfile.dockerignore")))
                    .contains("!" + copies.group(1));
            scripts++;
        }
        assertThat(scripts).isEqualTo(2);
        for (String module : List.of("identity-service", "agent-service", "gateway")) {
            assertThat(REPO.resolve(module).resolve("pom.xml")).exists();
        }
    }

    @Test
    void entrypointAttachesTheOpenTelemetryAgentOnlyWithAnEndpoint() throws Exception {
        assumeTrue(Tools.find("sh").isPresent(), "no sh on the PATH");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(
                java, "#!/bin/sh\necho \"tool=[$JAVA_TOOL_OPTIONS] service=[$OTEL_SERVICE_NAME] args=[$*]\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = bin + ":" + System.getenv("PATH");

        String without = entrypoint(Map.of("PATH", path, "JAVA_OPTS", "-Xmx1g", "STOA_SERVICE", "gateway"));
        String with = entrypoint(Map.of(
                "PATH", path, "STOA_SERVICE", "gateway", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));

        assertThat(without)
                .isEqualTo("tool=[] service=[] args=[-Xmx1g org.springframework.boot.loader.launch.JarLauncher"
                        + " --debug]\n");
        assertThat(with).startsWith("tool=[-javaagent:/opt/stoa/otel/opentelemetry-javaagent.jar ] service=[gateway]");
    }

    @Test
    void healthcheckIsHealthyOnlyWhenTheActuatorSaysUp() throws Exception {
        assumeTrue(Tools.find("bash").isPresent(), "no bash on the PATH");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/down", exchange -> respond(exchange, 503, "{\"status\":\"DOWN\"}"));
        server.start();
        try {
            String port = String.valueOf(server.getAddress().getPort());
            String script = DOCKER.resolve("healthcheck.sh").toString();
            assertThat(Tools.run(tmp, "bash", script, port, "/up").exit()).isZero();
            assertThat(Tools.run(tmp, "bash", script, port, "/down").exit()).isNotZero();
        } finally {
            server.stop(0);
        }
    }

    private String entrypoint(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "sh", DOCKER.resolve("entrypoint.sh").toString(), "--debug")
                .directory(tmp.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
