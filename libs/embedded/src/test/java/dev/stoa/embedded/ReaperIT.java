package dev.stoa.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children started through the fixtures end with the JVM that started them, even when it is killed with SIGKILL. */
class ReaperIT {
    @TempDir
    Path dir;

    @Test
    void childrenEndWhenTheirJvmIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReaperChild.class.getName(),
                        dir.toString(),
                        Integer.toString(ServiceProcessIT.freePort()))
                .redirectError(dir.resolve("child.log").toFile())
                .start();
        List<Long> grandchildren = new ArrayList<>();
        Path temporaryData;
        try {
            String[] started = awaitLine(jvm, "started ").split(" ");
            long persistentPostmaster = postmasterOnPort(started[1]).pid();
            ProcessHandle temporaryPostmaster = postmasterOnPort(started[2]);
            temporaryData = Path.of(dataDirectory(temporaryPostmaster));
            long shell = Long.parseLong(started[4]);
            grandchildren.addAll(
                    List.of(persistentPostmaster, temporaryPostmaster.pid(), Long.parseLong(started[3]), shell));
            grandchildren.addAll(ProcessHandle.of(shell)
                    .orElseThrow()
                    .children()
                    .map(ProcessHandle::pid)
                    .toList()); // the shell's own child (sleep)
            jvm.descendants().map(ProcessHandle::pid).forEach(grandchildren::add); // the reaper too
            assertThat(grandchildren).hasSizeGreaterThanOrEqualTo(6).allMatch(Reaper::isRunning);
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor(10, TimeUnit.SECONDS);
        }

        await("every grandchild gone")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(grandchildren).noneMatch(Reaper::isRunning));
        await("temporary data deleted").atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(temporaryData));
        // The persistent server had a fast (clean) shutdown and starts again from the same directory.
        assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
        try (StoaPostgres again = StoaPostgres.startPersistent(dir.resolve("postgres"), 0)) {
            assertThat(again.ensureDatabase("after_kill").jdbcUrl()).contains("stoa_after_kill");
        }
    }

    private static String awaitLine(Process jvm, String prefix) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("child JVM ended without starting its children; see its log");
    }

    private static ProcessHandle postmasterOnPort(String port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"))
                .filter(p -> Arrays.asList(p.info().arguments().orElse(new String[0]))
                        .contains(port))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no postmaster on port " + port));
    }

    private static String dataDirectory(ProcessHandle postmaster) {
        List<String> args = List.of(postmaster.info().arguments().orElseThrow());
        return args.get(args.indexOf("-D") + 1);
    }
}
