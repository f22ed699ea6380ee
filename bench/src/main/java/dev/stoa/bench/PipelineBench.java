package dev.stoa.bench;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's visibility (issue 12): chat turns at a steady rate through the gateway, then how long each turn's
 * event took from its write in chat-service's transaction to its effect in monitoring's ledger, read from monitoring's
 * {@code stoa.monitoring.event.visibility} histogram (every event of the steady phase, from the Prometheus buckets);
 * and whether the ledger counts exactly the turns chat finished.
 */
public final class PipelineBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PipelineBench() {}

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int rate = Integer.getInteger("bench.rate", 10);
        int seconds = Integer.getInteger("bench.seconds", 60);
        Path work = root.resolve("bench/target/run-pipeline");
        Files.createDirectories(work);
        Path output = Path.of(
                System.getProperty("bench.output", work.resolve("results.md").toString()));

        try (FakeProvider fake = FakeProvider.start().recordRequests(false).script(Reply.text("ok"));
                ChatBenchPlatform platform = ChatBenchPlatform.start(root, work)) {
            log("platform ready in " + platform.readySeconds + " s at " + platform.gateway);
            String token = ChatBench.register(platform.gateway);
            String provider = ChatBench.field(
                    ChatBench.post(
                            platform.gateway + "/api/v1/providers",
                            "{\"name\":\"fake\",\"kind\":\"openai_compatible\",\"base_url\":\"" + fake.baseUrl()
                                    + "/v1\",\"api_key\":\"sk-bench\"}",
                            token),
                    "id");
            String agent = ChatBench.field(
                    ChatBench.post(
                            platform.gateway + "/api/v1/agents",
                            "{\"name\":\"Pipeline\",\"model\":{\"provider_id\":\"" + provider
                                    + "\",\"model\":\"fake-model\"}}",
                            token),
                    "id");
            String monitoring = "http://127.0.0.1:" + platform.env.get("STOA_MONITORING_PORT");

            log("warming up: 100 turns");
            for (int i = 0; i < 100; i++) {
                turn(platform.gateway, agent, token);
            }
            awaitLedger(platform.gateway, token, 100);
            TreeMap<Double, Long> turnsBefore = buckets(monitoring, "stoa.turns.v1");

            log("steady load: " + rate + " turns/s for " + seconds + " s");
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            try (ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
                    var senders = Executors.newVirtualThreadPerTaskExecutor()) {
                pacer.scheduleAtFixedRate(
                        () -> senders.submit(() -> {
                            if (turn(platform.gateway, agent, token)) {
                                answered.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        }),
                        0,
                        1_000_000 / rate,
                        TimeUnit.MICROSECONDS);
                Thread.sleep(Duration.ofSeconds(seconds));
                pacer.shutdown();
            }
            int expected = 100 + answered.get() + failed.get();
            long ledger = awaitLedger(platform.gateway, token, expected);
            TreeMap<Double, Long> turns = minus(buckets(monitoring, "stoa.turns.v1"), turnsBefore);

            String table = String.join(
                    "\n",
                    "Run " + Instant.now().toString().substring(0, 16) + "Z: " + rate + " turns/s for " + seconds
                            + " s through the gateway (fake provider answering at once), after 100 warm-up turns;"
                            + " platform ready in " + platform.readySeconds + " s.",
                    "",
                    "| Topic | events | p50 | p99 | max bucket |",
                    "|---|---|---|---|---|",
                    row("stoa.turns.v1 (cost ledger)", turns),
                    "",
                    "Turns sent " + expected + " (warm-up included): " + answered.get() + " of the steady phase"
                            + " answered, " + failed.get() + " failed at the client (a turn chat finished anyway is"
                            + " costed too); the ledger counts " + ledger + ".",
                    "");
            Files.writeString(output, table);
            log("\n" + table);
        }
    }

    /** One turn through the gateway, its SSE stream read to the end; whether it completed. */
    private static boolean turn(String gateway, String agent, String token) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/v1/agents/" + agent + "/chat"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"count me\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("event: turn.completed");
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits (up to 2 min) until the ledger counts {@code turns} of the org's agents; returns what it counts. */
    private static long awaitLedger(String gateway, String token, long turns) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long counted = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> costs = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/v1/monitoring/costs?group_by=agent"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"turns\":(\\d+)").matcher(costs.body());
            counted = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (counted >= turns) {
                return counted;
            }
            Thread.sleep(500);
        }
        return counted;
    }

    /** The cumulative bucket counts (upper bound in seconds to count) of the visibility histogram of a topic. */
    private static TreeMap<Double, Long> buckets(String monitoring, String topic) throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(monitoring + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Pattern line = Pattern.compile("^stoa_monitoring_event_visibility_seconds_bucket\\{(.*)\\} (\\S+)$");
        for (String l : metrics.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.matches() && m.group(1).contains("topic=\"" + topic + "\"")) {
                Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(m.group(1));
                if (le.find()) {
                    double bound =
                            le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    buckets.merge(bound, (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            }
        }
        return buckets;
    }

    private static TreeMap<Double, Long> minus(TreeMap<Double, Long> after, TreeMap<Double, Long> before) {
        TreeMap<Double, Long> run = new TreeMap<>();
        after.forEach((bound, count) -> run.put(bound, count - before.getOrDefault(bound, 0L)));
        return run;
    }

    /** The smallest bucket bound holding the quantile: the figure is at most this (bucket resolution). */
    private static String quantile(TreeMap<Double, Long> buckets, double q) {
        long total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        if (total == 0) {
            return "–";
        }
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= Math.ceil(q * total)) {
                return bucket.getKey().isInfinite() ? "> 5 min" : "≤ " + millis(bucket.getKey());
            }
        }
        return "–";
    }

    private static String row(String topic, TreeMap<Double, Long> buckets) {
        long total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        Double max = buckets.entrySet().stream()
                .filter(b -> b.getValue() >= total && total > 0)
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        return "| "
                + String.join(
                        " | ",
                        List.of(
                                topic,
                                Long.toString(total),
                                quantile(buckets, 0.5),
                                quantile(buckets, 0.99),
                                max == null ? "–" : "≤ " + millis(max)))
                + " |";
    }

    private static String millis(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    static void log(String message) {
        System.out.println("[pipeline-bench] " + message);
    }
}
