package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.Reaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./stoa up} killed with SIGKILL leaves nothing behind (no service, no PostgreSQL holding ports or the data
 * directory), so the next {@code ./stoa up} on the same data starts; and a normal stop ends everything too.
 */
class KilledLauncherIT {

    // Two platform starts (each awaited up to 5 min on loaded cores) and two stops.
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    @Test
    void aKilledLauncherLeavesNoProcessAndStartsAgainOnItsData() throws Exception {
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("launcher/target/killed-home");
        deleteRecursively(home);
        Map<String, String> env = environment(root, home);

        Launched first = launchReady(env, home, "killed-first.log");
        assertThat(first.children()).hasSizeGreaterThanOrEqualTo(5).allMatch(Reaper::isRunning);
        first.launcher().destroyForcibly(); // SIGKILL: no shutdown hook runs
        awaitGone(first, "services, PostgreSQL and the reaper gone after kill -9");

        Launched second = launchReady(env, home, "killed-second.log"); // ports and data directory are free again
        second.launcher().destroy(); // SIGTERM: the shutdown hook stops everything in order
        awaitGone(second, "a normal stop leaves nothing either");
    }

    /** The launcher and everything it started: the services and the reaper (its children) and the postmaster. */
    private record Launched(Process launcher, List<Long> children) {}

    private static Launched launchReady(Map<String, String> env, Path home, String logName) throws IOException {
        Path log = home.getParent().resolve(logName);
        Process launcher = launch(env, log);
        try {
            awaitReady(launcher, log);
            return new Launched(launcher, childrenOf(launcher, home));
        } catch (RuntimeException | Error e) {
            launcher.destroyForcibly();
            throw e;
        }
    }

    private static void awaitGone(Launched launched, String what) throws InterruptedException {
        launched.launcher().waitFor(60, TimeUnit.SECONDS);
        await(what)
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(launched.children()).noneMatch(Reaper::isRunning));
    }

    private static Map<String, String> environment(Path root, Path home) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("STOA_ROOT", root.toString());
        env.put("STOA_HOME", home.toString());
        env.put("STOA_AOT", "off"); // StartupCacheIT covers the AOT path; training here would only cost CI time
        for (String port : List.of(
                "STOA_PORT",
                "STOA_GATEWAY_MANAGEMENT_PORT",
                "STOA_IDENTITY_PORT",
                "STOA_IDENTITY_GRPC_PORT",
                "STOA_AGENT_PORT",
                "STOA_AGENT_GRPC_PORT",
                "STOA_TOOLS_PORT",
                "STOA_TOOLS_GRPC_PORT")) {
            env.put(port, Integer.toString(SharedPlatform.freePort()));
        }
        return env;
    }

    /** The launcher as {@code ./stoa up} runs it: its own JVM, configured by the environment. */
    private static Process launch(Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoaLauncher.class.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread.ofVirtual().start(() -> copy(process, log));
        return process;
    }

    private static void copy(Process process, Path log) {
        try {
            Files.copy(process.getInputStream(), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the process ended; its output so far is in the log
        }
    }

    private static void awaitReady(Process launcher, Path log) {
        await("Stoa is ready (" + log + ")")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the launcher exited; see " + log, () -> !launcher.isAlive())
                .until(() -> Files.exists(log) && Files.readString(log).contains("Stoa is ready"));
    }

    /** Every process the launcher started: the services and the reaper (its children) and the postmaster. */
    private static List<Long> childrenOf(Process launcher, Path home) throws IOException {
        List<Long> pids =
                new ArrayList<>(launcher.descendants().map(ProcessHandle::pid).toList());
        pids.add(Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid"))
                .getFirst()
                .trim()));
        return pids;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
