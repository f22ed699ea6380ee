package dev.stoa.bench;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat benchmark (issue 9): time to first token through the whole platform (gateway → chat-service → the provider
 * layer → a fake provider streaming a fixed reply after a fixed first-token delay), side by side in one run with a
 * direct call to the fake provider and the same request through Portkey; the turn-throughput ceiling; and the memory
 * of 500 concurrently open streams. The platform is the embedded default ({@code launcher/target/stoa.jar}) started on
 * free ports with a fresh {@code STOA_HOME}; the fake provider runs in this JVM.
 *
 * <p>System properties: {@code bench.root}, {@code bench.output}, {@code bench.streams} (50), {@code bench.seconds}
 * (20), {@code bench.warmup} (15), {@code bench.ttftMs} (100), {@code bench.tokens} (20), {@code bench.open} (500),
 * {@code bench.ceilingStreams} (64).
 */
public final class ChatBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(120);

    private ChatBench() {}

    /** One streamed request's timings (nanoseconds from sending); {@code ok} when the stream ended as expected. */
    record Sample(long firstTokenNanos, long totalNanos, boolean ok) {}

    /** How one stream is sent and recognised. */
    record Target(
            String name,
            String url,
            Map<String, String> headers,
            String body,
            String firstTokenMarker,
            String endMarker) {}

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int streams = Integer.getInteger("bench.streams", 50);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 15);
        int ttftMs = Integer.getInteger("bench.ttftMs", 100);
        int tokens = Integer.getInteger("bench.tokens", 20);
        int open = Integer.getInteger("bench.open", 500);
        int ceilingStreams = Integer.getInteger("bench.ceilingStreams", 64);
        Path work = root.resolve("bench/target/run-chat");
        Files.createDirectories(work);
        Path output = Path.of(
                System.getProperty("bench.output", work.resolve("results.md").toString()));

        String reply = IntStream.range(0, tokens).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        try (FakeProvider fake = FakeProvider.start()
                        .recordRequests(false)
                        .timeToFirstToken(Duration.ofMillis(ttftMs))
                        .interTokenDelay(Duration.ofMillis(1))
                        .script(Reply.text(reply));
                ChatBenchPlatform platform = ChatBenchPlatform.start(root, work)) {
            log("platform ready in " + platform.readySeconds + " s at " + platform.gateway);
            String token = register(platform.gateway);
            String provider = field(
                    post(
                            platform.gateway + "/api/v1/providers",
                            "{\"name\":\"fake\",\"kind\":\"openai_compatible\",\"base_url\":\"" + fake.baseUrl()
                                    + "/v1\",\"api_key\":\"sk-bench\"}",
                            token),
                    "id");
            String agent = field(
                    post(
                            platform.gateway + "/api/v1/agents",
                            "{\"name\":\"Bench\",\"model\":{\"provider_id\":\"" + provider
                                    + "\",\"model\":\"fake-model\"}}",
                            token),
                    "id");
            log("provider " + provider + ", agent " + agent);

            String completion = "{\"model\":\"fake-model\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Hello!\"}]}";
            List<Target> targets = new ArrayList<>();
            targets.add(new Target(
                    "direct to the fake provider",
                    fake.baseUrl() + "/v1/chat/completions",
                    Map.of("Authorization", "Bearer sk-bench"),
                    completion,
                    "\"content\":\"w",
                    "[DONE]"));
            targets.add(new Target(
                    "Stoa: gateway → chat-service → provider",
                    platform.gateway + "/api/v1/agents/" + agent + "/chat",
                    Map.of("Authorization", "Bearer " + token),
                    "{\"message\":\"Hello!\"}",
                    "event: text.delta",
                    "event: turn.completed"));
            Optional<Portkey> portkey = Portkey.start(root, work);
            portkey.ifPresent(p -> targets.add(new Target(
                    "Portkey 1.15.2 → provider",
                    "http://127.0.0.1:" + p.port + "/v1/chat/completions",
                    Map.of(
                            "Authorization", "Bearer sk-bench",
                            "x-portkey-provider", "openai",
                            "x-portkey-custom-host", fake.baseUrl() + "/v1"),
                    completion,
                    "\"content\":\"w",
                    "[DONE]")));

            String portkeyNote = portkey.isPresent() ? "" : "Portkey was not installed.";
            for (Target t : List.copyOf(targets)) {
                if (!stream(t).ok()) {
                    if (!t.name().startsWith("Portkey")) {
                        throw new IllegalStateException("a check request failed: " + t.name());
                    }
                    // Portkey 1.15.2 on Node 20 answers every streamed request with 500 ("TypeError: immutable" while
                    // it appends its headers to the upstream response); non-streamed requests work (gateway bench).
                    targets.remove(t);
                    portkeyNote = "Portkey left out: its streamed check request failed (see bench/target/run-chat/"
                            + "portkey.log).";
                    log(portkeyNote);
                }
            }
            for (Target t : targets) {
                closedLoop(t, streams, Duration.ofSeconds(warmup)); // JIT, pools, caches
            }
            Map<String, Run> ttft = new LinkedHashMap<>();
            for (Target t : targets) {
                Run run = closedLoop(t, streams, Duration.ofSeconds(seconds));
                ttft.put(t.name(), run);
                log(t.name() + ": " + run);
            }

            // The ceiling: no model delay, so the platform's own work is what limits turns per second.
            fake.timeToFirstToken(Duration.ZERO).interTokenDelay(Duration.ZERO);
            Target stoa = targets.get(1);
            closedLoop(stoa, ceilingStreams, Duration.ofSeconds(Math.max(5, warmup / 2)));
            Map<String, Long> cpuBefore = platform.cpuMillis();
            Path jfr = work.resolve("chat-service.jfr");
            Files.deleteIfExists(jfr);
            Jcmd.run(platform.pid("chat-service"), "JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
            Run ceiling = closedLoop(stoa, ceilingStreams, Duration.ofSeconds(seconds));
            Jcmd.run(platform.pid("chat-service"), "JFR.stop", "name=bench");
            Map<String, Long> cpuAfter = platform.cpuMillis();
            log("ceiling: " + ceiling);
            String hot = Jcmd.subsystems(jfr) + "\n```\n" + Jcmd.hotMethods(jfr) + "```\n";

            // Open streams: each reply takes ~30 s, so they are all open at once.
            fake.interTokenDelay(Duration.ofSeconds(1))
                    .script(Reply.text(
                            IntStream.range(0, 30).mapToObj(i -> "slow" + i).collect(Collectors.joining(" "))));
            Map<String, Long> idleRss = platform.rssKb(true);
            OpenStreams held = openStreams(stoa, open, fake);
            log("open streams: " + held);

            String table = ChatBenchReport.table(
                    ttft,
                    ceiling,
                    ceilingStreams,
                    cpuBefore,
                    cpuAfter,
                    idleRss,
                    held,
                    streams,
                    seconds,
                    ttftMs,
                    tokens,
                    hot,
                    portkeyNote,
                    targets.size() > 2);
            Files.writeString(output, table, StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(table);
            log("written to " + output);
            portkey.ifPresent(Portkey::close);
        }
    }

    /** Latencies of a closed loop: {@code concurrency} clients, each sending its next stream when the last ends. */
    record Run(List<Sample> samples, double seconds) {
        double perSecond() {
            return samples.stream().filter(Sample::ok).count() / seconds;
        }

        long failed() {
            return samples.stream().filter(s -> !s.ok()).count();
        }

        double firstTokenMs(double percentile) {
            return percentile(
                    samples.stream()
                            .filter(Sample::ok)
                            .mapToLong(Sample::firstTokenNanos)
                            .toArray(),
                    percentile);
        }

        double totalMs(double percentile) {
            return percentile(
                    samples.stream()
                            .filter(Sample::ok)
                            .mapToLong(Sample::totalNanos)
                            .toArray(),
                    percentile);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d streams, %.1f/s, TTFT p50 %.2f ms p99 %.2f ms, total p50 %.2f ms, %d failed",
                    samples.size(),
                    perSecond(),
                    firstTokenMs(50),
                    firstTokenMs(99),
                    totalMs(50),
                    failed());
        }
    }

    static Run closedLoop(Target target, int concurrency, Duration length) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    samples.add(stream(target));
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return new Run(List.copyOf(samples), (System.nanoTime() - start) / 1e9);
    }

    /** Sends one streamed request and reads it to the end, noting when the first token arrived. */
    static Sample stream(Target target) {
        long start = System.nanoTime();
        long first = -1;
        boolean ended = false;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                    .timeout(TURN_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(target.body()));
            target.headers().forEach(request::header);
            HttpResponse<java.util.stream.Stream<String>> response =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            try (var lines = response.body()) {
                if (response.statusCode() != 200) {
                    return new Sample(0, System.nanoTime() - start, false);
                }
                var it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (first < 0 && line.contains(target.firstTokenMarker())) {
                        first = System.nanoTime() - start;
                    }
                    if (line.contains(target.endMarker())) {
                        ended = true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Sample(0, System.nanoTime() - start, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(0, System.nanoTime() - start, false);
        }
        return new Sample(first, System.nanoTime() - start, ended && first >= 0);
    }

    record OpenStreams(int requested, int openAtOnce, int completed, Map<String, Long> rssKb, double secondsToOpen) {}

    /** Opens {@code count} slow streams at once and measures the services' memory while they are all open. */
    static OpenStreams openStreams(Target target, int count, FakeProvider fake) throws Exception {
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Thread.ofVirtual().start(() -> {
                if (stream(target).ok()) {
                    completed.incrementAndGet();
                }
                done.countDown();
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        int most = 0;
        while (System.nanoTime() < deadline && most < count) {
            most = Math.max(most, fake.activeStreams());
            Thread.sleep(100);
        }
        double toOpen = (System.nanoTime() - start) / 1e9;
        Map<String, Long> rss = ChatBenchPlatform.current().rssKb(false);
        most = Math.max(most, fake.activeStreams());
        done.await(3, TimeUnit.MINUTES);
        return new OpenStreams(count, most, completed.get(), rss, toOpen);
    }

    static double percentile(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static String register(String gateway) throws IOException, InterruptedException {
        String email = "bench-" + System.nanoTime() + "@example.com";
        String body = post(
                gateway + "/api/v1/auth/register",
                "{\"email\":\"" + email
                        + "\",\"password\":\"Correct-Horse-42\",\"name\":\"Bench\",\"org_name\":\"Bench\"}",
                null);
        return field(body, "access_token");
    }

    static String post(String url, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        return JSON.readTree(json).path(name).asString();
    }

    static void log(String message) {
        System.out.println("[chat-bench] " + message);
    }
}
