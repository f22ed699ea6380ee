package dev.stoa.bench;

import dev.stoa.embedded.ServiceProcess;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway benchmark. Starts PostgreSQL and Kafka embedded, identity-service and the gateway from their executable
 * jars (as the launcher does, with a {@code bench} route to a trivial upstream), Portkey when installed, then drives
 * every scenario with {@code wrk} at each concurrency and writes a Markdown table.
 *
 * <p>System properties: {@code bench.root} (checkout, default {@code .}), {@code bench.seconds} (per measured run,
 * 15), {@code bench.warmup} (seconds per scenario and concurrency, 8), {@code bench.concurrency} (1,64), {@code
 * bench.output} (Markdown file), {@code bench.jvmOpts} (extra flags for the gateway JVM, e.g. a JFR recording).
 */
public final class GatewayBench {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration READY = Duration.ofSeconds(180);
    private static final String CHAT_BODY =
            "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"stream\":false}";

    /**
     * @param pid the process whose CPU time per request is reported (the gateway or Portkey), or 0
     * @param rotating header sets taken in turn, one per request (empty: {@code headers} on every request)
     */
    record Scenario(
            String name,
            String url,
            String method,
            Map<String, String> headers,
            String body,
            long pid,
            List<Map<String, String>> rotating) {
        Scenario(String name, String url, String method, Map<String, String> headers, String body, long pid) {
            this(name, url, method, headers, body, pid, List.of());
        }

        Wrk.Result run(Path work, int connections, int seconds) throws IOException, InterruptedException {
            return rotating.isEmpty()
                    ? Wrk.run(work, url, method, headers, body, connections, seconds)
                    : Wrk.rotating(work, url, rotating, connections, seconds);
        }
    }

    record Measured(Wrk.Result wrk, double cpuMicrosPerRequest) {}

    static final String MIXED = "GET via Stoa gateway, mixed credentials";

    /**
     * Issue 16's mix on keep-alive connections: valid and refused credentials in turn, so refusals written by the
     * gateway follow proxied answers on the same connection (the pattern that stalled Reactor Netty 1.3.6).
     */
    static List<Map<String, String>> mixedCredentials(String token, String apiKey) {
        String[] parts = token.split("\\.");
        return List.of(
                Map.of("Authorization", "Bearer " + token),
                Map.of("Authorization", "Bearer " + parts[0] + "." + parts[1] + ".AAAA"),
                Map.of("x-api-key", apiKey),
                Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0." + parts[1] + "."),
                Map.of("Authorization", "Bearer " + token),
                Map.of("Authorization", "Bearer stoa_sk_unknown"),
                Map.of(),
                Map.of("x-api-key", apiKey),
                Map.of("Authorization", "Bearer garbage"),
                Map.of("Authorization", "Bearer stoa_sdk_not_on_rest"),
                Map.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6InVua25vd24ifQ." + parts[1] + ".AAAA"));
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int seconds = Integer.getInteger("bench.seconds", 15);
        int warmup = Integer.getInteger("bench.warmup", 8);
        List<Integer> concurrency = new ArrayList<>();
        for (String c : System.getProperty("bench.concurrency", "1,64").split(",")) {
            concurrency.add(Integer.parseInt(c.trim()));
        }
        Path work = root.resolve("bench/target/run");
        Files.createDirectories(work);
        Path output = Path.of(
                System.getProperty("bench.output", work.resolve("results.md").toString()));
        List<AutoCloseable> resources = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(resources)));
        try {
            TrivialUpstream upstream = TrivialUpstream.start(0);
            resources.add(upstream);
            String upstreamUrl = "http://127.0.0.1:" + upstream.port();
            log("upstream on " + upstreamUrl);

            StoaPostgres postgres = StoaPostgres.instance();
            StoaPostgres.Database db = postgres.ensureDatabase("identity");
            StoaKafka kafka = StoaKafka.start(0);
            resources.add(kafka);
            log("PostgreSQL and Kafka up");

            int identityPort = freePort();
            int identityGrpcPort = freePort();
            int gatewayPort = freePort();
            String gatewaySecret = random();
            Map<String, Object> identity = new LinkedHashMap<>(db.springProperties());
            identity.put("spring.kafka.bootstrap-servers", kafka.brokers());
            identity.put("server.port", identityPort);
            identity.put("server.address", "127.0.0.1");
            identity.put("spring.grpc.server.port", identityGrpcPort);
            identity.put("spring.grpc.server.address", "127.0.0.1");
            identity.put("stoa.secrets.keys.v1", Base64.getEncoder().encodeToString(bytes()));
            identity.put("stoa.secrets.active-version", "v1");
            identity.put("stoa.identity.service-clients.gateway", gatewaySecret);
            identity.put("stoa.identity.access-token-ttl", "2h");

            Map<String, Object> gateway = new LinkedHashMap<>();
            gateway.put("server.port", gatewayPort);
            gateway.put("server.address", "127.0.0.1");
            gateway.put("stoa.gateway.identity.url", "http://127.0.0.1:" + identityPort);
            gateway.put("stoa.gateway.routes.agent.enabled", false);
            gateway.put("stoa.gateway.routes.bench.uri", upstreamUrl);
            gateway.put("stoa.gateway.routes.bench.paths", List.of("/bench/**"));
            gateway.put("stoa.gateway.routes.bench.order", 50);
            // Rate limiting stays on (its cost is part of the path), with limits no run can reach.
            gateway.put("stoa.gateway.rate-limit.api-key.limit", 1_000_000_000L);
            gateway.put("stoa.gateway.rate-limit.user.limit", 1_000_000_000L);
            gateway.put("stoa.gateway.rate-limit.ip.limit", 1_000_000_000L);
            gateway.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + identityGrpcPort);
            gateway.put("stoa.grpc.service-credential.client-id", "gateway");
            gateway.put("stoa.grpc.service-credential.client-secret", gatewaySecret);
            gateway.put("spring.kafka.bootstrap-servers", kafka.brokers());

            ServiceProcess identityService = start("identity-service", root, identity, work, List.of("-Xmx512m"));
            resources.add(identityService);
            List<String> gatewayOpts = new ArrayList<>(List.of("-Xmx512m"));
            String extra = System.getProperty("bench.jvmOpts", "").trim();
            if (!extra.isEmpty()) {
                gatewayOpts.addAll(List.of(extra.split("\\s+")));
            }
            ServiceProcess gatewayService = start("gateway", root, gateway, work, gatewayOpts);
            resources.add(gatewayService);
            identityService.awaitReady("http://127.0.0.1:" + identityPort + "/actuator/health/readiness", READY);
            String gw = "http://127.0.0.1:" + gatewayPort;
            gatewayService.awaitReady(gw + "/health", READY);
            log("identity-service and gateway ready");

            String token = register(gw);
            String apiKey = createApiKey(gw, token);

            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(
                    new Scenario("GET direct to upstream", upstreamUrl + "/bench/ping", "GET", Map.of(), null, 0));
            scenarios.add(new Scenario(
                    "GET via Stoa gateway, platform JWT",
                    gw + "/bench/ping",
                    "GET",
                    Map.of("Authorization", "Bearer " + token),
                    null,
                    gatewayService.pid()));
            scenarios.add(new Scenario(
                    "GET via Stoa gateway, API key",
                    gw + "/bench/ping",
                    "GET",
                    Map.of("x-api-key", apiKey),
                    null,
                    gatewayService.pid()));
            scenarios.add(new Scenario(
                    MIXED,
                    gw + "/bench/ping",
                    "GET",
                    Map.of(),
                    null,
                    gatewayService.pid(),
                    mixedCredentials(token, apiKey)));
            scenarios.add(new Scenario(
                    "POST chat direct to upstream",
                    upstreamUrl + "/v1/chat/completions",
                    "POST",
                    Map.of("Content-Type", "application/json"),
                    CHAT_BODY,
                    0));

            Path portkeyServer = root.resolve("bench/.portkey/node_modules/@portkey-ai/gateway/build/start-server.js");
            if (Files.exists(portkeyServer)) {
                int portkeyPort = freePort();
                Process portkey = new ProcessBuilder(
                                "node", portkeyServer.toString(), "--port=" + portkeyPort, "--headless")
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("portkey.log").toFile())
                        .start();
                resources.add(() -> {
                    portkey.destroy();
                    portkey.waitFor();
                });
                awaitPort(portkeyPort, portkey);
                scenarios.add(new Scenario(
                        "POST chat via Portkey 1.15.2",
                        "http://127.0.0.1:" + portkeyPort + "/v1/chat/completions",
                        "POST",
                        Map.of(
                                "Content-Type", "application/json",
                                "Authorization", "Bearer sk-bench",
                                "x-portkey-provider", "openai",
                                "x-portkey-custom-host", upstreamUrl + "/v1"),
                        CHAT_BODY,
                        portkey.pid()));
                log("Portkey on port " + portkeyPort);
            } else {
                log("Portkey not installed (" + portkeyServer + "): skipped");
            }

            for (Scenario s : scenarios) {
                if (s.rotating().isEmpty()) {
                    check(s);
                }
            }
            Map<String, Map<Integer, Measured>> results = new LinkedHashMap<>();
            for (int c : concurrency) {
                for (Scenario s : scenarios) {
                    s.run(work, c, warmup);
                    long cpuBefore = s.pid() == 0 ? -1 : cpuMillis(s.pid());
                    Wrk.Result r = s.run(work, c, seconds);
                    long cpuAfter = s.pid() == 0 ? -1 : cpuMillis(s.pid());
                    double cpuPerRequest = cpuBefore < 0 || cpuAfter < 0 || r.requests() == 0
                            ? Double.NaN
                            : 1000.0 * (cpuAfter - cpuBefore) / r.requests();
                    results.computeIfAbsent(s.name(), k -> new LinkedHashMap<>())
                            .put(c, new Measured(r, cpuPerRequest));
                    log(String.format(
                            Locale.ROOT,
                            "c=%d %-40s p50 %.3f ms  p99 %.3f ms  %.0f req/s  errors %d  timeouts %d  cpu %.0f us/req",
                            c,
                            s.name(),
                            r.p50Ms(),
                            r.p99Ms(),
                            r.rps(),
                            r.errors(),
                            r.timeouts(),
                            cpuPerRequest));
                }
            }
            String table = table(results, concurrency, seconds, warmup);
            Files.writeString(output, table, StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(table);
            log("written to " + output);
        } finally {
            closeAll(resources);
        }
    }

    static String table(Map<String, Map<Integer, Measured>> results, List<Integer> cs, int seconds, int warmup) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(Instant.now().toString(), 0, 16)
                .append("Z; wrk, ")
                .append(seconds);
        md.append(" s per run after a ").append(warmup).append(" s warm-up, keep-alive connections.\n\n");
        md.append(
                "| scenario | concurrency | p50 (ms) | p99 (ms) | throughput (req/s) | non-2xx + socket errors | timeouts | proxy CPU (µs/req) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int c : cs) {
            results.forEach((name, byC) -> {
                Measured m = byC.get(c);
                if (m != null) {
                    Wrk.Result r = m.wrk();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %.2f | %.2f | %,.0f | %d | %d | %s |%n",
                            name,
                            c,
                            r.p50Ms(),
                            r.p99Ms(),
                            r.rps(),
                            r.errors(),
                            r.timeouts(),
                            Double.isNaN(m.cpuMicrosPerRequest())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.0f", m.cpuMicrosPerRequest())));
                }
            });
        }
        md.append('\n');
        for (int c : cs) {
            Wrk.Result mixed = get(results, MIXED, c);
            if (mixed != null) {
                md.append(String.format(
                        Locale.ROOT,
                        "- c=%d, mixed credentials (a valid JWT and API key in 4 of 11 requests, 7 refused kinds): %,d requests,"
                                + " %,d refused as expected, %d timeouts%n",
                        c,
                        mixed.requests(),
                        mixed.errors() - mixed.timeouts(),
                        mixed.timeouts()));
            }
            Wrk.Result direct = get(results, "GET direct to upstream", c);
            for (String via : List.of("GET via Stoa gateway, platform JWT", "GET via Stoa gateway, API key")) {
                Wrk.Result r = get(results, via, c);
                if (direct != null && r != null) {
                    md.append(String.format(
                            Locale.ROOT,
                            "- c=%d, %s: added p50 %.2f ms, added p99 %.2f ms, throughput %.0f%% of direct%n",
                            c,
                            via.substring(via.indexOf(',') + 2),
                            r.p50Ms() - direct.p50Ms(),
                            r.p99Ms() - direct.p99Ms(),
                            100 * r.rps() / direct.rps()));
                }
            }
            Wrk.Result portkey = get(results, "POST chat via Portkey 1.15.2", c);
            for (String via : List.of("GET via Stoa gateway, platform JWT", "GET via Stoa gateway, API key")) {
                Wrk.Result r = get(results, via, c);
                if (portkey != null && r != null) {
                    md.append(String.format(
                            Locale.ROOT,
                            "- c=%d, Stoa gateway (%s) throughput / Portkey throughput: %.1f×%n",
                            c,
                            via.substring(via.indexOf(',') + 2),
                            r.rps() / portkey.rps()));
                }
            }
        }
        return md.toString();
    }

    /** A service from its executable jar, with plain-text logs (the benchmark reads them). */
    private static ServiceProcess start(
            String module, Path root, Map<String, Object> properties, Path work, List<String> jvmOptions)
            throws IOException {
        return ServiceProcess.start(new ServiceProcess.Spec(
                module,
                ServiceProcess.executableJar(root, module),
                jvmOptions,
                properties,
                Map.of("STOA_LOG_FORMAT", "plain"),
                work));
    }

    /** CPU time (user + system) a process has used so far, from {@code /proc}; -1 where unavailable. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Wrk.Result get(Map<String, Map<Integer, Measured>> results, String name, int c) {
        Map<Integer, Measured> byC = results.get(name);
        Measured m = byC == null ? null : byC.get(c);
        return m == null ? null : m.wrk();
    }

    private static void check(Scenario s) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(s.url())).timeout(Duration.ofSeconds(10));
        s.headers().forEach(request::header);
        request.method(
                s.method(),
                s.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(s.body()));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200
                || !(response.body().contains("bench-upstream")
                        || response.body().contains("pong"))) {
            throw new IllegalStateException(s.name() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String register(String gw) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "email",
                "bench-" + System.nanoTime() + "@example.com",
                "password",
                "Correct-Horse-42-" + random(),
                "name",
                "Bench",
                "org_name",
                "Bench"));
        return field(post(gw + "/api/v1/auth/register", body, Map.of()), "access_token");
    }

    private static String createApiKey(String gw, String token) throws IOException, InterruptedException {
        String body = "{\"name\":\"bench\",\"scopes\":[\"org:read\"],\"expires_in_days\":30}";
        return field(post(gw + "/api/v1/org/api-keys", body, Map.of("Authorization", "Bearer " + token)), "key");
    }

    private static String post(String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static void awaitPort(int port, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Portkey exited; see bench/target/run/portkey.log");
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Portkey did not listen on " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] bytes() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping failed: " + e.getMessage());
            }
        }
        resources.clear();
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
