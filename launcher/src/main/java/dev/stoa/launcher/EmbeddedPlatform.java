package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: PostgreSQL and a Kafka broker embedded in this JVM, and each service as a
 * child JVM of its own executable jar, started together and awaited until ready.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPlatform.class);
    // Generous: two cores shared with builds can take minutes; a slow start beats a failed one.
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final String READINESS = "/actuator/health/readiness";
    private static final List<String> MODULES =
            List.of("identity-service", "agent-service", "tool-router-service", "gateway");
    /**
     * Start fast and small on a developer's machine, where steady-state peak performance is not the point: C1 only
     * (most start-up CPU is the JIT), the serial collector, a heap that starts at 32 MB and stays under 256 MB (the
     * default starts at 1/64 and grows to 1/4 of the machine's memory: ~370 MB resident per service instead of ~290).
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-Xss512k");
    /**
     * New threads inherit the creating thread's context class loader; the common pool's threads do not, and inside the
     * executable jar Kafka's reflective class loading then fails.
     */
    private static final java.util.concurrent.Executor THREADS =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().factory());

    private final LaunchConfig config;
    private final StartupCache startupCache;
    private final Map<String, CompletableFuture<StartupCache.Prepared>> prepared = new LinkedHashMap<>();
    private final Instant began = Instant.now();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, SupervisedService> services = new LinkedHashMap<>();
    private final Map<String, StoaPostgres.Database> databases = new LinkedHashMap<>();

    private EmbeddedPlatform(LaunchConfig config) {
        this.config = config;
        this.startupCache = new StartupCache(config.home().resolve("aot"), JVM_OPTIONS, config.startupCache());
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public static EmbeddedPlatform start(LaunchConfig config) throws Exception {
        EmbeddedPlatform platform = new EmbeddedPlatform(config);
        try {
            platform.startAll();
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(config.home());
        CompletableFuture<StoaKafka> kafkaStarting = CompletableFuture.supplyAsync(() -> StoaKafka.start(0), THREADS);
        MODULES.forEach(module -> prepared.put(
                module,
                CompletableFuture.supplyAsync(() -> startupCache.prepare(module, config.serviceJar(module)), THREADS)));
        StoaPostgres postgres = config.persistent()
                ? StoaPostgres.startPersistent(config.home().resolve("postgres"), 0)
                : StoaPostgres.instance();
        if (config.persistent()) {
            resources.add(postgres);
        }
        StoaPostgres.Database identityDb = database(postgres, "identity");
        StoaPostgres.Database agentDb = database(postgres, "agent");
        StoaPostgres.Database toolsDb = database(postgres, "tools");
        log.info("PostgreSQL ready after {}", elapsed());
        StoaKafka kafka = join(kafkaStarting);
        resources.add(kafka);
        log.info("Kafka ready after {}", elapsed());

        launch("identity-service", identityProperties(identityDb, kafka, secrets), identityUrl() + READINESS);
        launch("agent-service", agentProperties(agentDb, kafka, secrets), agentUrl() + READINESS);
        launch("tool-router-service", toolsProperties(toolsDb, kafka), toolsUrl() + READINESS);
        launch("gateway", gatewayProperties(kafka, secrets), gatewayUrl() + "/health");
        join(CompletableFuture.allOf(
                services.values().stream().map(this::awaitAsync).toArray(CompletableFuture[]::new)));
        startupCache.trainInBackground(services.values().stream()
                .map(service -> service.current().spec())
                .toList());
    }

    private String elapsed() {
        return String.format(
                Locale.ROOT, "%.1f s", Duration.between(began, Instant.now()).toMillis() / 1000.0);
    }

    /** Kept across restarts on the persistent server; a fresh database per platform otherwise (tests). */
    private StoaPostgres.Database database(StoaPostgres postgres, String service) {
        StoaPostgres.Database db =
                config.persistent() ? postgres.ensureDatabase(service) : StoaPostgres.freshDatabase(service);
        databases.put(service, db);
        return db;
    }

    /** The database of a service (for tests that need to reach behind the API, e.g. to age a key). */
    public StoaPostgres.Database database(String service) {
        return databases.get(service);
    }

    private Map<String, Object> identityProperties(StoaPostgres.Database db, StoaKafka kafka, LocalSecrets secrets) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.identityPort());
        props.put("spring.grpc.server.port", config.identityGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("server.address", "127.0.0.1");
        props.put("stoa.secrets.keys.v1", secrets.encryptionKey());
        props.put("stoa.secrets.active-version", "v1");
        props.put("stoa.identity.service-clients.gateway", secrets.gatewaySecret());
        // No mail server to set up: every mail is an .eml file in STOA_HOME/mail, and its link is in the log.
        props.put("stoa.identity.mail.delivery", "file");
        props.put("stoa.identity.mail.directory", mailDirectory().toString());
        props.put("stoa.identity.mail.log-links", true);
        props.put("stoa.identity.mail.public-url", gatewayUrl());
        return props;
    }

    private Map<String, Object> agentProperties(StoaPostgres.Database db, StoaKafka kafka, LocalSecrets secrets) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.agentPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.agentGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", identityUrl() + "/.well-known/jwks.json");
        props.put("stoa.secrets.keys.v1", secrets.encryptionKey());
        props.put("stoa.secrets.active-version", "v1");
        // One machine, one developer: models served on localhost (Ollama, llama.cpp, vLLM) must be reachable.
        props.put("stoa.agent.providers.allow-private-networks", true);
        return props;
    }

    private Map<String, Object> toolsProperties(StoaPostgres.Database db, StoaKafka kafka) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.toolsPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.toolsGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", identityUrl() + "/.well-known/jwks.json");
        return props;
    }

    private Map<String, Object> gatewayProperties(StoaKafka kafka, LocalSecrets secrets) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", config.gatewayPort());
        props.put("management.server.port", config.gatewayManagementPort());
        props.put("stoa.gateway.identity.url", identityUrl());
        props.put("stoa.gateway.routes.agent.uri", agentUrl());
        props.put("stoa.gateway.routes.tool-router.uri", toolsUrl());
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "gateway");
        props.put("stoa.grpc.service-credential.client-secret", secrets.gatewaySecret());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        return props;
    }

    private void launch(String module, Map<String, Object> properties, String readinessUrl) throws Exception {
        Map<String, Object> effective = new LinkedHashMap<>(properties);
        // One developer's load: a few connections per service, not Hikari's ten, keep PostgreSQL small.
        effective.put("spring.datasource.hikari.minimum-idle", 2);
        effective.putAll(config.overridesOf(module));
        StartupCache.Prepared launch = join(prepared.get(module));
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                module,
                launch.jar(),
                launch.jvmOptions(),
                effective,
                Map.of(),
                config.home().resolve("logs"));
        SupervisedService service = SupervisedService.start(spec, readinessUrl, READY_TIMEOUT, Backoff.DEFAULT);
        services.put(module, service);
        resources.add(service);
    }

    private CompletableFuture<Void> awaitAsync(SupervisedService service) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        service.awaitReady();
                        log.info("{} ready after {}", service.name(), elapsed());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                },
                THREADS);
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.gatewayPort();
    }

    /** Where the services' logs are. */
    public java.nio.file.Path logDirectory() {
        return config.home().resolve("logs");
    }

    /** Where identity's mails land in the embedded default, one .eml file each. */
    public java.nio.file.Path mailDirectory() {
        return config.home().resolve("mail");
    }

    /** The gateway's actuator (probes, metrics): a port of its own, never the public one. */
    public String gatewayManagementUrl() {
        return "http://127.0.0.1:" + config.gatewayManagementPort();
    }

    public String identityUrl() {
        return "http://127.0.0.1:" + config.identityPort();
    }

    public String agentUrl() {
        return "http://127.0.0.1:" + config.agentPort();
    }

    public String toolsUrl() {
        return "http://127.0.0.1:" + config.toolsPort();
    }

    /** tool-router's gRPC address ({@code host:port}), for the services that call it and tests standing in for them. */
    public String toolsGrpcAddress() {
        return "127.0.0.1:" + config.toolsGrpcPort();
    }

    /** The services by module name, each kept running by its supervisor. */
    public Map<String, SupervisedService> services() {
        return services;
    }

    /** Stops services first (they flush to Kafka and PostgreSQL), then the infrastructure. */
    @Override
    public void close() {
        startupCache.close();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + resources.get(i) + " failed: " + e.getMessage());
            }
        }
        resources.clear();
    }
}
