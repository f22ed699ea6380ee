package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
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
    private static final List<String> MODULES = List.of(
            "identity-service",
            "agent-service",
            "tool-router-service",
            "chat-service",
            "monitoring-service",
            "memory-service",
            "eval-service",
            "gateway");
    /**
     * Start fast and small on a developer's machine, where steady-state peak performance is not the point: C1 only
     * (most start-up CPU is the JIT), the serial collector, a heap that starts at 32 MB and stays under 256 MB (the
     * default starts at 1/64 and grows to 1/4 of the machine's memory: ~370 MB resident per service instead of ~290).
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-Xss512k");
    /**
     * Services that need more heap than that: the in-process sentence model (about 90 MB, read whole before ONNX Runtime
     * takes it) in memory-service (recall, extraction; also its vector index) and in tool-router (smart selection).
     */
    private static final Map<String, List<String>> MORE_HEAP =
            Map.of("memory-service", List.of("-Xmx640m"), "tool-router-service", List.of("-Xmx512m"));
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
        // The persistent default keeps the broker's log in STOA_HOME/kafka (issue 18): events relayed but not yet read,
        // and the revocations of stoa.sessions.v1, survive a restart or a kill -9; test platforms use a fresh one.
        CompletableFuture<StoaKafka> kafkaStarting = CompletableFuture.supplyAsync(
                () -> config.persistent() ? StoaKafka.startPersistent(kafkaDirectory(), 0) : StoaKafka.start(0),
                THREADS);
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
        StoaPostgres.Database chatDb = database(postgres, "chat");
        StoaPostgres.Database toolsDb = database(postgres, "tools");
        StoaPostgres.Database monitoringDb = database(postgres, "monitoring");
        StoaPostgres.Database memoryDb = database(postgres, "memory");
        StoaPostgres.Database evalDb = database(postgres, "eval");
        log.info("PostgreSQL ready after {}", elapsed());
        StoaKafka kafka = join(kafkaStarting);
        resources.add(kafka);
        log.info("Kafka ready after {} at {}", elapsed(), kafka.brokers());

        ServiceProperties properties = new ServiceProperties(config, kafka, secrets);
        Map<String, Map<String, Object>> withDatabase = new LinkedHashMap<>();
        withDatabase.put("identity-service", properties.identity(identityDb));
        withDatabase.put("agent-service", properties.agent(agentDb));
        withDatabase.put("tool-router-service", properties.tools(toolsDb));
        withDatabase.put("chat-service", properties.chat(chatDb));
        withDatabase.put("monitoring-service", properties.monitoring(monitoringDb));
        withDatabase.put("memory-service", properties.memory(memoryDb));
        withDatabase.put("eval-service", properties.eval(evalDb));
        // Migrations run as the owner in a step of their own, side by side; the services then hold only the app role.
        join(CompletableFuture.allOf(withDatabase.entrySet().stream()
                .map(service ->
                        CompletableFuture.runAsync(() -> migrate(service.getKey(), service.getValue()), THREADS))
                .toArray(CompletableFuture[]::new)));
        // in this order: identity first (every other service's credential), then those the later ones call
        for (Map.Entry<String, Map<String, Object>> service : withDatabase.entrySet()) {
            launch(service.getKey(), service.getValue(), serviceUrl(service.getKey()) + READINESS);
        }
        startFakeProvider();
        launch("gateway", properties.gateway(), gatewayUrl() + "/health");
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
        StoaPostgres.Database database = databases.get(service);
        if (database == null) {
            throw new IllegalArgumentException("no database for " + service);
        }
        return database;
    }

    /**
     * The fake model provider (OpenAI and Anthropic protocols, answers "ok"), so a first chat needs no model at all:
     * register it as an {@code openai_compatible} provider at {@code http://127.0.0.1:<port>/v1} with any key.
     */
    private void startFakeProvider() {
        if (config.fakeProviderPort() <= 0) {
            return;
        }
        dev.stoa.fakeprovider.FakeProvider fake = dev.stoa.fakeprovider.FakeProvider.start(config.fakeProviderPort());
        fake.recordRequests(false); // a long-running launcher must not keep every request
        resources.add(fake);
        log.info("Fake model provider at {}/v1", fake.baseUrl());
    }

    private void launch(String module, Map<String, Object> properties, String readinessUrl) throws Exception {
        Map<String, Object> effective = new LinkedHashMap<>(properties);
        // Services start together; one that starts before identity waits for identity's revocation list rather than
        // serve a revoked token meanwhile (identity ignores it: it asks its own database).
        effective.put("stoa.revocation.startup-wait", READY_TIMEOUT.toString());
        // One developer's load: a few connections per service, not Hikari's ten, keep PostgreSQL small.
        effective.put("spring.datasource.hikari.minimum-idle", 2);
        effective.putAll(config.overridesOf(module));
        StartupCache.Prepared launch = join(Objects.requireNonNull(prepared.get(module)));
        // migrated before (migrate): the running service never holds the owner's credentials
        effective.keySet().removeIf(key -> key.startsWith("spring.liquibase."));
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                module,
                launch.jar(),
                jvmOptions(module, launch.jvmOptions()),
                effective,
                Map.of(),
                config.home().resolve("logs"));
        SupervisedService service = SupervisedService.start(spec, readinessUrl, READY_TIMEOUT, Backoff.DEFAULT);
        services.put(module, service);
        resources.add(service);
    }

    /** The options a module runs with: the prepared ones, then its own (a later -Xmx wins). */
    private static List<String> jvmOptions(String module, List<String> prepared) {
        List<String> options = new ArrayList<>(prepared);
        options.addAll(MORE_HEAP.getOrDefault(module, List.of()));
        return options;
    }

    /**
     * Runs the service jar's migrate mode with the owner role and waits for it to end, unless this jar already migrated
     * this database (the record in STOA_HOME/migrations names the jar and the PostgreSQL cluster).
     */
    private void migrate(String module, Map<String, Object> properties) {
        try {
            migrate(module, join(Objects.requireNonNull(prepared.get(module))), properties);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + module + " migrated", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(module + " could not migrate its database: " + e.getMessage(), e);
        }
    }

    private void migrate(String module, StartupCache.Prepared launch, Map<String, Object> properties)
            throws IOException, InterruptedException, SQLException {
        Path records = config.home().resolve("migrations");
        Path record = records.resolve(module);
        String done = migrationKey(launch.jar(), properties);
        if (Files.isRegularFile(record) && Files.readString(record).equals(done)) {
            return;
        }
        Map<String, Object> migration = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("spring.liquibase.") || key.equals("spring.datasource.url")) {
                migration.put(key, value);
            }
        });
        migration.put("stoa.mode", "migrate");
        Instant start = Instant.now();
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                module + "-migrate",
                launch.jar(),
                launch.jvmOptions(),
                migration,
                Map.of(),
                config.home().resolve("logs"));
        try (ServiceProcess process = ServiceProcess.start(spec)) {
            OptionalInt exit = process.awaitExit(READY_TIMEOUT);
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                throw new IllegalStateException(module + " could not migrate its database (exit "
                        + (exit.isEmpty() ? "none: timed out" : exit.getAsInt()) + "); see " + spec.log());
            }
        }
        Files.createDirectories(records);
        Files.writeString(record, done);
        log.info(
                "{} migrated its database in {} ms",
                module,
                Duration.between(start, Instant.now()).toMillis());
    }

    /** The jar (path, size and time) and the database (cluster and name) a migration applied to. */
    private static String migrationKey(Path jar, Map<String, Object> properties) throws IOException, SQLException {
        String url = String.valueOf(properties.get("spring.datasource.url"));
        String cluster;
        try (Connection connection = DriverManager.getConnection(
                        url,
                        String.valueOf(properties.get("spring.liquibase.user")),
                        String.valueOf(properties.get("spring.liquibase.password")));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select system_identifier from pg_control_system()")) {
            result.next();
            cluster = result.getString(1);
        }
        return jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
                + Files.getLastModifiedTime(jar).toMillis() + "|" + cluster + "|" + url;
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

    /** Where the persistent embedded broker keeps its log (topics, offsets, cluster id). */
    public java.nio.file.Path kafkaDirectory() {
        return config.home().resolve("kafka");
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

    public String chatUrl() {
        return "http://127.0.0.1:" + config.chatPort();
    }

    /** Where the embedded default's fake model provider listens (OpenAI clients add /v1). */
    public String fakeProviderUrl() {
        return "http://127.0.0.1:" + config.fakeProviderPort();
    }

    public String toolsUrl() {
        return "http://127.0.0.1:" + config.toolsPort();
    }

    private String serviceUrl(String module) {
        return switch (module) {
            case "identity-service" -> identityUrl();
            case "agent-service" -> agentUrl();
            case "tool-router-service" -> toolsUrl();
            case "chat-service" -> chatUrl();
            case "monitoring-service" -> monitoringUrl();
            case "memory-service" -> memoryUrl();
            case "eval-service" -> evalUrl();
            default -> throw new IllegalArgumentException("no URL for " + module);
        };
    }

    public String evalUrl() {
        return "http://127.0.0.1:" + config.evalPort();
    }

    public String memoryUrl() {
        return "http://127.0.0.1:" + config.memoryPort();
    }

    public String monitoringUrl() {
        return "http://127.0.0.1:" + config.monitoringPort();
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
