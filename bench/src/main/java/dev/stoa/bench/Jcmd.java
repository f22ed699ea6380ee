package dev.stoa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Where a JFR recording's execution samples were, by subsystem: the share of samples with at least one frame of
     * each subsystem on the stack (inclusive, so the shares overlap), largest first, as Markdown rows.
     */
    static String subsystems(Path recording) throws IOException, InterruptedException {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("PostgreSQL driver (org.postgresql)", "org.postgresql.");
        prefixes.put("HikariCP", "com.zaxxer.hikari.");
        prefixes.put("jOOQ", "org.jooq.");
        prefixes.put("JSON (Jackson)", "jackson.");
        prefixes.put("provider client (OpenAI/Anthropic SDK, OkHttp)", "com.openai.|com.anthropic.|okhttp3.|okio.");
        prefixes.put("gRPC / Netty", "io.grpc.|io.netty.");
        prefixes.put("Kafka client", "org.apache.kafka.");
        prefixes.put("Tomcat (HTTP server)", "org.apache.tomcat.|org.apache.catalina.|org.apache.coyote.");
        prefixes.put("Spring Security / JWT", "org.springframework.security.|com.nimbusds.");
        prefixes.put("Micrometer / OpenTelemetry", "io.micrometer.|io.opentelemetry.");
        prefixes.put("logging", "ch.qos.logback.|org.slf4j.");
        prefixes.put("Stoa code (dev.stoa)", "dev.stoa.");
        String printed = exec(List.of(
                BIN.resolve("jfr").toString(),
                "print",
                "--events",
                "jdk.ExecutionSample",
                "--stack-depth",
                "128",
                recording.toString()));
        Map<String, Integer> hits = new LinkedHashMap<>();
        int samples = 0;
        for (String event : printed.split("jdk\\.ExecutionSample \\{")) {
            if (!event.contains("stackTrace")) {
                continue;
            }
            samples++;
            for (Map.Entry<String, String> p : prefixes.entrySet()) {
                for (String prefix : p.getValue().split("\\|")) {
                    if (event.contains(prefix)) {
                        hits.merge(p.getKey(), 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("| subsystem on the stack | share of samples |\n|---|---|\n");
        int total = Math.max(1, samples);
        hits.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format(
                        java.util.Locale.ROOT, "| %s | %.0f %% |%n", e.getKey(), 100.0 * e.getValue() / total)));
        return out.append(String.format(java.util.Locale.ROOT, "%n(%d execution samples)%n", samples))
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
