package dev.stoa.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessIT {
    @TempDir
    Path dir;

    @Test
    void startsTheJarWithItsPropertiesAndRestartsIntoTheSameLog() throws Exception {
        int port = freePort();
        ServiceProcess.Spec spec = spec(Map.of("server.port", port, "greeting", "hello", "db-password", "s3cret"));
        ServiceProcess first = ServiceProcess.start(spec);
        first.awaitReady("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(30));
        first.close();

        assertThat(first.isAlive()).isFalse();
        assertThat(ServiceProcess.answers("http://127.0.0.1:" + port + "/ready"))
                .isFalse();

        try (ServiceProcess second = first.restart()) {
            second.awaitReady("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(30));
            assertThat(second.pid()).isNotEqualTo(first.pid());
        }
        assertThat(Files.readAllLines(spec.log()))
                .filteredOn(line -> line.startsWith("fake service starting, greeting=hello"))
                .hasSize(2);
        assertThat(spec.toString()).contains("fake").doesNotContain("s3cret");
    }

    @Test
    void awaitingAServiceThatExitsFailsAtOnceNamingItsLog() throws Exception {
        ServiceProcess.Spec spec = spec(Map.of("exit-code", 3));
        try (ServiceProcess process = ServiceProcess.start(spec)) {
            assertThatThrownBy(() -> process.awaitReady("http://127.0.0.1:9/ready", Duration.ofMinutes(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("fake exited with 3; see " + spec.log());
        }
    }

    @Test
    void findsTheExecutableJarOfAModule() throws IOException {
        Path target = Files.createDirectories(dir.resolve("identity-service/target"));
        Files.createFile(target.resolve("identity-service-0.1.0.jar"));
        Files.createFile(target.resolve("identity-service-0.1.0-exec.jar"));

        assertThat(ServiceProcess.executableJar(dir, "identity-service"))
                .isEqualTo(target.resolve("identity-service-0.1.0-exec.jar"));
        assertThatThrownBy(() -> ServiceProcess.executableJar(dir, "gateway")).hasMessageContaining("build first");
    }

    private ServiceProcess.Spec spec(Map<String, Object> properties) {
        return new ServiceProcess.Spec(
                "fake", FakeService.jar(dir), List.of("-Xmx32m"), properties, Map.of(), dir.resolve("logs"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
