package dev.stoa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's diagnostic tools against a service process: jcmd commands, JFR summaries, and its resident memory. */
final class Jcmd {
    private static final Path BIN = Path.of(System.getProperty("java.home"), "bin");

    private Jcmd() {}

    /** Runs {@code jcmd <pid> <command...>} and returns its output. */
    static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(BIN.resolve("jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        return exec(line);
    }

    /** The hottest methods of a JFR recording ({@code jfr view hot-methods}), its first {@code rows} lines. */
    static String hotMethods(Path recording) throws IOException, InterruptedException {
        String view = exec(
                List.of(BIN.resolve("jfr").toString(), "view", "--width", "160", "hot-methods", recording.toString()));
        return view.lines()
                .limit(30)
                .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append)
                .toString();
    }

    /** Resident set size in KiB ({@code /proc/<pid>/status} VmRSS), or -1. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
