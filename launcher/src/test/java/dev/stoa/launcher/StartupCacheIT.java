package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache path of {@code ./stoa up} on a real service jar (the gateway: it needs no database to refresh its
 * context): extracted once, trained in a run that stops after the context refresh, and accepted by the JVM.
 */
@Order(4) // trains a service JVM: before the shared platform starts (junit-platform.properties)
class StartupCacheIT {
    private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    @TempDir
    Path dir;

    // Two extractions, a training run and a run from the cache: about half a minute, minutes on loaded cores.
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    @Test
    void extractsOnceTrainsAndTheJvmLoadsTheCache() throws Exception {
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();
        Path jar = Files.copy(ServiceProcess.executableJar(root, "gateway"), dir.resolve("gateway-exec.jar"));
        StartupCache cache = new StartupCache(dir.resolve("aot"), FLAGS, true);

        StartupCache.Prepared untrained = cache.prepare("gateway", jar);
        FileTime extracted = Files.getLastModifiedTime(untrained.jar());
        assertThat(untrained.jar()).startsWith(dir.resolve("aot/gateway")).isRegularFile();
        assertThat(untrained.jar().resolveSibling("lib")).isDirectory();
        assertThat(untrained.jvmOptions()).isEqualTo(FLAGS);
        assertThat(Files.getLastModifiedTime(cache.prepare("gateway", jar).jar()))
                .as("extracted only once")
                .isEqualTo(extracted);

        Path aot = untrained.jar().getParent().resolveSibling("gateway.aot");
        cache.trainInBackground(List.of(spec(untrained)));
        await("AOT cache trained").atMost(Duration.ofMinutes(4)).until(() -> Files.isRegularFile(aot));

        StartupCache.Prepared trained = cache.prepare("gateway", jar);
        assertThat(trained.jar()).isEqualTo(untrained.jar());
        assertThat(trained.jvmOptions()).containsSubsequence(FLAGS).contains("-XX:AOTCache=" + aot);
        // AOTMode=on makes the JVM fail instead of running without a cache it cannot use.
        List<String> strict = new ArrayList<>(trained.jvmOptions());
        strict.add("-XX:AOTMode=on");
        strict.add("-Dspring.context.exit=onRefresh");
        try (ServiceProcess run = ServiceProcess.start(new ServiceProcess.Spec(
                "gateway-with-cache", trained.jar(), strict, gatewayProperties(), Map.of(), dir.resolve("logs")))) {
            assertThat(run.awaitExit(Duration.ofMinutes(3)))
                    .as(Files.readString(run.log()))
                    .isEqualTo(OptionalInt.of(0));
        }

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5))); // repackaged, unchanged
        assertThat(cache.prepare("gateway", jar)).isEqualTo(trained);
        Path changed = dir.resolve("changed-exec.jar"); // a rebuilt jar with other content
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(changed));
                ZipFile original = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : original.stream().toList()) {
                ZipEntry copy = new ZipEntry(entry); // nested jars stay stored, as Spring Boot needs them
                copy.setCompressedSize(-1);
                out.putNextEntry(copy);
                original.getInputStream(entry).transferTo(out);
            }
            out.putNextEntry(new ZipEntry("BOOT-INF/classes/changed.txt"));
            out.write(1);
        }
        StartupCache.Prepared rebuilt = cache.prepare("gateway", changed);
        assertThat(rebuilt.jar()).isNotEqualTo(trained.jar()).startsWith(dir.resolve("aot/gateway"));
        assertThat(rebuilt.jvmOptions()).as("a new jar needs a new cache").isEqualTo(FLAGS);
        assertThat(trained.jar()).as("the old extraction is gone").doesNotExist();
        assertThat(new StartupCache(dir.resolve("aot"), FLAGS, false).prepare("gateway", changed))
                .isEqualTo(new StartupCache.Prepared(changed, FLAGS));
    }

    private ServiceProcess.Spec spec(StartupCache.Prepared prepared) {
        return new ServiceProcess.Spec(
                "gateway", prepared.jar(), prepared.jvmOptions(), gatewayProperties(), Map.of(), dir.resolve("logs"));
    }

    /** Enough for the gateway's context to refresh; nothing is contacted before it would start listening. */
    private static Map<String, Object> gatewayProperties() {
        return Map.of(
                "server.port", 0,
                "management.server.port", 0,
                "stoa.gateway.identity.url", "http://127.0.0.1:9",
                "stoa.gateway.routes.agent.uri", "http://127.0.0.1:9",
                "spring.grpc.client.channel.identity.target", "static://127.0.0.1:9",
                "stoa.grpc.service-credential.client-id", "gateway",
                "stoa.grpc.service-credential.client-secret", "test-secret",
                "spring.kafka.bootstrap-servers", "127.0.0.1:9");
    }
}
