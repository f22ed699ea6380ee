package dev.stoa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (closed loop: {@code connections} clients each sending back to back) and parses its summary. */
final class Wrk {
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /**
     * @param errors non-2xx/3xx responses plus socket errors
     * @param timeouts requests that got no response within wrk's timeout (a stalled connection shows here)
     */
    record Result(double p50Ms, double p99Ms, double rps, long requests, long errors, long timeouts) {}

    private Wrk() {}

    static Result run(
            Path workDir,
            String url,
            String method,
            Map<String, String> headers,
            String body,
            int connections,
            int seconds)
            throws IOException, InterruptedException {
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = ").append(luaString(method)).append('\n');
        if (body != null) {
            lua.append("wrk.body = ").append(luaString(body)).append('\n');
        }
        headers.forEach((k, v) -> lua.append("wrk.headers[")
                .append(luaString(k))
                .append("] = ")
                .append(luaString(v))
                .append('\n'));
        return run(workDir, url, lua.toString(), connections, seconds);
    }

    /** Bodiless GETs that take the header sets in turn, one set per request, on every connection. */
    static Result rotating(Path workDir, String url, List<Map<String, String>> headerSets, int connections, int seconds)
            throws IOException, InterruptedException {
        StringBuilder lua = new StringBuilder("local sets = {\n");
        for (Map<String, String> set : headerSets) {
            lua.append("  {");
            set.forEach((k, v) -> lua.append('[')
                    .append(luaString(k))
                    .append("] = ")
                    .append(luaString(v))
                    .append(", "));
            lua.append("},\n");
        }
        lua.append("}\nlocal n = 0\n")
                .append("request = function()\n")
                .append("  n = n + 1\n")
                .append("  return wrk.format(\"GET\", nil, sets[(n % #sets) + 1])\n")
                .append("end\n");
        return run(workDir, url, lua.toString(), connections, seconds);
    }

    private static Result run(Path workDir, String url, String lua, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile(workDir, "wrk-", ".lua");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        try {
            int threads = Math.min(connections, 2);
            List<String> command = new ArrayList<>(List.of(
                    "wrk",
                    "-t" + threads,
                    "-c" + connections,
                    "-d" + seconds + "s",
                    "--timeout",
                    "5s",
                    "--latency",
                    "-s",
                    script.toString(),
                    url));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + out);
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static Result parse(String out) {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double rps = Double.NaN;
        long requests = 0;
        long errors = 0;
        long timeouts = 0;
        for (String line : out.split("\n")) {
            Matcher m = PERCENTILE.matcher(line);
            if (m.matches()) {
                double ms = toMillis(Double.parseDouble(m.group(2)), m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = ms;
                } else {
                    p99 = ms;
                }
            }
            m = RPS.matcher(line);
            if (m.find()) {
                rps = Double.parseDouble(m.group(1));
            }
            m = REQUESTS.matcher(line);
            if (m.find()) {
                requests = Long.parseLong(m.group(1));
            }
            m = NON_2XX.matcher(line);
            if (m.find()) {
                errors += Long.parseLong(m.group(1));
            }
            m = SOCKET_ERRORS.matcher(line);
            if (m.find()) {
                for (int i = 1; i <= 4; i++) {
                    errors += Long.parseLong(m.group(i));
                }
                timeouts = Long.parseLong(m.group(4));
            }
        }
        if (Double.isNaN(p50) || Double.isNaN(rps)) {
            throw new IllegalStateException("cannot parse wrk output:\n" + out);
        }
        return new Result(p50, p99, rps, requests, errors, timeouts);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
