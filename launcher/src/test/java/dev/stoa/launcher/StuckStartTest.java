package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose first start hangs (alive, never ready) gets its threads dumped into its log and is started once more;
 * the program here hangs on its first run and serves its readiness on the second.
 */
class StuckStartTest {
    private static final String PROGRAM = """
            import java.nio.file.*;
            public class Service {
                public static void main(String[] args) throws Exception {
                    Path marker = Path.of(System.getProperty("marker"));
                    if (Files.notExists(marker)) {
                        Files.createFile(marker);
                        Thread.sleep(600_000); // stuck
                    }
                    var server = com.sun.net.httpserver.HttpServer.create(
                            new java.net.InetSocketAddress("127.0.0.1", Integer.getInteger("port")), 0);
                    server.createContext("/", exchange -> {
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    server.start();
                    Thread.sleep(600_000);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aServiceStuckInItsFirstStartIsDumpedAndStartedAgain() throws Exception {
        Path jar = compiledJar();
        int port = SharedPlatform.freePort();
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                "stuck",
                jar,
                List.of("-Dmarker=" + dir.resolve("started-once"), "-Dport=" + port),
                Map.of(),
                Map.of(),
                dir.resolve("logs"));

        SupervisedService service = SupervisedService.start(
                spec, "http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(30), Backoff.DEFAULT);
        try {
            long first = service.pid();
            service.awaitReady();

            assertThat(service.pid()).isNotEqualTo(first);
            assertThat(ProcessHandle.of(first).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(Files.readString(spec.log())).contains("Full thread dump");
            assertThat(service.restarts()).as("a stuck start is no crash").isEmpty();
        } finally {
            service.close();
        }
    }

    private Path compiledJar() throws Exception {
        Path source = dir.resolve("Service.java");
        Files.writeString(source, PROGRAM);
        int compiled =
                ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Service");
        Path jar = dir.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Service.class"));
            Files.copy(dir.resolve("Service.class"), out);
            out.closeEntry();
        }
        return jar;
    }
}
