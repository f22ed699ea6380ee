package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * {@code ./stoa up} killed with SIGKILL leaves nothing behind (no service, no PostgreSQL holding ports or the data
 * directory), so the next {@code ./stoa up} on the same data starts; and a normal stop ends everything too.
 */
class KilledLauncherIT {

    @Test
    void aKilledLauncherLeavesNoProcessAndStartsAgainOnItsData() throws Exception {
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("launcher/target/killed-home");
        deleteRecursively(home);
        Map<String, String> env = environment(root, home);

        Path firstLog = home.getParent().resolve("killed-first.log");
        Process first = launch(env, firstLog);
        List<Long> children;
        try {
            awaitReady(first, firstLog);
            children = childrenOf(first, home);
            assertThat(children).hasSizeGreaterThanOrEqualTo(5).allMatch(KilledLauncherIT::running);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor(10, TimeUnit.SECONDS);
        }
        await("services, PostgreSQL and the reaper gone")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(children).noneMatch(KilledLauncherIT::running));

        Path secondLog = home.getParent().resolve("killed-second.log");
        Process second = launch(env, secondLog);
        List<Long> again;
        try {
            awaitReady(second, secondLog);
            again = childrenOf(second, home);
        } finally {
            second.destroy(); // SIGTERM: the shutdown hook stops everything in order
            second.waitFor(60, TimeUnit.SECONDS);
        }
        await("a normal stop leaves nothing either")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(again).noneMatch(KilledLauncherIT::running));
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
                "STOA_AGENT_GRPC_PORT")) {
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

    /** Alive and not a zombie (an orphan's zombie lingers until init reaps it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
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
