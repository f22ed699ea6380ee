package dev.stoa.bench;

import dev.stoa.common.id.Ids;
import dev.stoa.embedded.ServiceProcess;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.proto.events.v1.AgentChanged;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestJwtIssuer;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool dispatch benchmark (issue 10): tool-router-service from its executable jar on embedded PostgreSQL and Kafka, one
 * SDK connection (a raw WebSocket client whose handler answers at once, so the measured time is the router's
 * overhead: gRPC InvokeTool → call frame → SDK → result frame → finished update), a gRPC client standing in for chat.
 * Measures p50/p99 at a fixed rate (default 200 calls/s), the ceiling with concurrent callers, and the router's RSS
 * with 1,000 idle SDK sockets. Writes Markdown to {@code bench.output}.
 *
 * <p>System properties: {@code bench.root}, {@code bench.output}, {@code bench.rate} (200), {@code bench.seconds}
 * (20), {@code bench.callers} (32), {@code bench.idle} (1000), {@code bench.router.jvm} (the router's JVM options,
 * {@code -Xmx256m -XX:+UseZGC}), {@code bench.profile} (false: when true, JFR records the
 * router and this JVM during the paced run and the hot methods are logged).
 */
public final class ToolDispatchBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int callers = Integer.getInteger("bench.callers", 32);
        int idle = Integer.getInteger("bench.idle", 1000);
        // the production profile's collector (deploy/helm/values-production.yaml): G1's young pauses of 20-70 ms on
        // two busy cores were the whole p99
        List<String> routerJvm = List.of(
                System.getProperty("bench.router.jvm", "-Xmx256m -XX:+UseZGC").split(" "));
        Path work = root.resolve("bench/target/run-tools");
        Files.createDirectories(work);
        Path output = Path.of(
                System.getProperty("bench.output", work.resolve("results.md").toString()));

        TestJwtIssuer issuer = new TestJwtIssuer();
        StoaPostgres.Database db = StoaPostgres.instance().ensureDatabase("tools");
        try (StoaKafka kafka = StoaKafka.start(0);
                JwksServer jwks = JwksServer.start(issuer)) {
            int http = freePort();
            int grpc = freePort();
            Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
            props.put("spring.kafka.bootstrap-servers", kafka.brokers());
            props.put("server.port", http);
            props.put("server.address", "127.0.0.1");
            props.put("spring.grpc.server.port", grpc);
            props.put("spring.grpc.server.address", "127.0.0.1");
            props.put("stoa.security.jwks-uri", jwks.jwksUri());
            props.put("stoa.security.issuer", issuer.issuer());
            try (ServiceProcess router = ServiceProcess.start(new ServiceProcess.Spec(
                    "tool-router-service",
                    ServiceProcess.executableJar(root, "tool-router-service"),
                    routerJvm,
                    props,
                    Map.of("STOA_LOG_FORMAT", "plain", "STOA_LOG_LEVEL", "WARN"),
                    work))) {
                String base = "http://127.0.0.1:" + http;
                router.awaitReady(base + "/actuator/health/readiness", Duration.ofMinutes(3));
                String org = Ids.generate("org");
                String agent = Ids.generate("agt");
                String user = issuer.issue(
                        Principals.user(org, Ids.generate("usr"), dev.stoa.common.auth.Role.MEMBER),
                        Duration.ofHours(2));
                announce(kafka.brokers(), org, agent);
                awaitAgent(base, agent, user);
                log("router ready, agent announced");

                EchoSdk sdk = EchoSdk.connect(
                        http, issuer.issue(Principals.sdk(org, "sdk_bench"), Duration.ofHours(2)), "echo");
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc)
                        .usePlaintext()
                        .build();
                var stub = ToolRouterServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(user));

                DispatchLoad.closedLoop(stub, agent, 4, Duration.ofSeconds(15)); // warm-up: JIT, pools, caches
                boolean profile = Boolean.getBoolean("bench.profile");
                Path routerJfr = work.resolve("tool-router-paced.jfr");
                Path benchJfr = work.resolve("bench-paced.jfr");
                jdk.jfr.Recording self = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                if (profile) {
                    Files.deleteIfExists(routerJfr);
                    Jcmd.run(router.pid(), "JFR.start", "name=paced", "settings=profile", "filename=" + routerJfr);
                    self.start();
                }
                EchoSdk.CALL_LEGS.clear();
                List<Long> paced = DispatchLoad.paced(stub, agent, rate, Duration.ofSeconds(seconds));
                List<Long> callLegs = new ArrayList<>(EchoSdk.CALL_LEGS);
                if (profile) {
                    Jcmd.run(router.pid(), "JFR.stop", "name=paced");
                    self.stop();
                    self.dump(benchJfr);
                    log("router during the paced run:\n" + Jcmd.subsystems(routerJfr) + Jcmd.hotMethods(routerJfr));
                    log("the benchmark's own JVM:\n" + Jcmd.subsystems(benchJfr) + Jcmd.hotMethods(benchJfr));
                }
                self.close();
                DispatchLoad.Ceiling ceiling =
                        DispatchLoad.closedLoop(stub, agent, callers, Duration.ofSeconds(seconds / 2));
                log("paced and ceiling done");

                long before = Jcmd.rssKb(router.pid());
                List<EchoSdk> sockets = new ArrayList<>();
                String failure = "";
                for (int i = 0; i < idle && failure.isEmpty(); i++) {
                    try {
                        sockets.add(EchoSdk.connect(
                                http,
                                issuer.issue(Principals.sdk(org, "sdk_idle_" + (i % 50)), Duration.ofHours(2)),
                                "idle_" + (i % 50)));
                    } catch (Exception e) {
                        failure = " (socket " + (i + 1) + " failed: " + e.getMessage() + ")";
                    }
                }
                idle = sockets.size();
                Thread.sleep(3_000);
                Jcmd.run(router.pid(), "GC.run");
                long after = Jcmd.rssKb(router.pid());
                log("idle sockets done");

                StringBuilder md = new StringBuilder();
                md.append("Measured ")
                        .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                        .append("; tool-router-service (" + String.join(" ", routerJvm)
                                + "), one SDK connection whose handler answers at once, ")
                        .append("gRPC client on 127.0.0.1; all on the same 2 vCPUs.\n\n");
                md.append("| measurement | result |\n|---|---|\n");
                md.append(row(
                        "dispatch overhead at " + rate + " calls/s for " + seconds + " s (" + paced.size() + " calls)",
                        String.format(
                                Locale.ROOT,
                                "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                                ms(paced, 0.50),
                                ms(paced, 0.99),
                                ms(paced, 1.0))));
                md.append(row(
                        "of which caller → SDK handler (the call's leg; the rest is the result's way back)",
                        String.format(
                                Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", ms(callLegs, 0.50), ms(callLegs, 0.99))));
                md.append(row(
                        "ceiling, " + callers + " concurrent callers on one SDK connection",
                        String.format(
                                Locale.ROOT,
                                "%.0f calls/s (p50 %.2f ms, p99 %.2f ms)",
                                ceiling.perSecond(),
                                ms(ceiling.latencies(), 0.5),
                                ms(ceiling.latencies(), 0.99))));
                md.append(row(
                        idle + " idle SDK sockets (hello + one tool each)" + failure,
                        String.format(
                                Locale.ROOT,
                                "RSS %d → %d MiB: %.1f KiB per socket",
                                before / 1024,
                                after / 1024,
                                (after - before) / (double) idle)));
                Files.writeString(output, md.toString());
                System.out.println(md);
                sockets.forEach(EchoSdk::close);
                sdk.close();
                channel.shutdownNow();
            }
        }
        System.exit(0);
    }

    private static void announce(String brokers, String org, String agent) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var event = CloudEventBuilder.v1()
                .withId(Ids.generate("evt"))
                .withType("dev.stoa.agent.created")
                .withSource(URI.create("/stoa/agent-service"))
                .withTime(now)
                .withDataContentType("application/protobuf")
                .withData(AgentChanged.newBuilder()
                        .setOrgId(org)
                        .setAgentId(agent)
                        .setVersion(1)
                        .setChange("created")
                        .setOccurredAt(
                                com.google.protobuf.Timestamp.newBuilder().setSeconds(now.toEpochSecond()))
                        .build()
                        .toByteArray())
                .build();
        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(KafkaMessageFactory.<String>createWriter("stoa.agents.v1", org)
                            .writeBinary(event))
                    .get();
        }
    }

    private static void awaitAgent(String base, String agent, String token) throws Exception {
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/agents/" + agent + "/tool-config"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the router never learned of the agent");
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }

    private static double ms(List<Long> nanos, double quantile) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(quantile * sorted.size()) - 1));
        return sorted.get(index) / 1e6;
    }

    private static String row(String what, String result) {
        return "| " + what + " | " + result + " |\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void log(String message) {
        System.out.println("[tools-bench] " + message);
    }
}
