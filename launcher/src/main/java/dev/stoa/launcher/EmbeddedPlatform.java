package dev.stoa.launcher;

import dev.stoa.test.StoaKafka;
import dev.stoa.test.StoaPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole platform on one machine: PostgreSQL and a Kafka broker embedded in this JVM, and each service as a
 * child JVM of its own executable jar, started together and awaited until ready.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * New threads inherit the creating thread's context class loader; the common pool's threads do not, and inside the
     * executable jar Kafka's reflective class loading then fails.
     */
    private static final java.util.concurrent.Executor THREADS =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().factory());

    private final LaunchConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, StoaPostgres.Database> databases = new LinkedHashMap<>();

    private EmbeddedPlatform(LaunchConfig config) {
        this.config = config;
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
        StoaPostgres postgres = config.persistent()
                ? StoaPostgres.startPersistent(config.home().resolve("postgres"), 0)
                : StoaPostgres.instance();
        if (config.persistent()) {
            resources.add(postgres);
        }
        StoaPostgres.Database identityDb = database(postgres, "identity");
        StoaPostgres.Database agentDb = database(postgres, "agent");
        StoaKafka kafka = join(kafkaStarting);
        resources.add(kafka);

        ServiceProcess identity = launch("identity-service", identityProperties(identityDb, kafka, secrets));
        ServiceProcess agent = launch("agent-service", agentProperties(agentDb, kafka, secrets));
        ServiceProcess gateway = launch("gateway", gatewayProperties(kafka, secrets));
        join(CompletableFuture.allOf(
                awaitAsync(identity, identityUrl() + "/actuator/health/readiness"),
                awaitAsync(agent, agentUrl() + "/actuator/health/readiness"),
                awaitAsync(gateway, gatewayUrl() + "/health")));
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

    private Map<String, Object> gatewayProperties(StoaKafka kafka, LocalSecrets secrets) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", config.gatewayPort());
        props.put("management.server.port", config.gatewayManagementPort());
        props.put("stoa.gateway.identity.url", identityUrl());
        props.put("stoa.gateway.routes.agent.uri", agentUrl());
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "gateway");
        props.put("stoa.grpc.service-credential.client-secret", secrets.gatewaySecret());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        return props;
    }

    private ServiceProcess launch(String module, Map<String, Object> properties) throws java.io.IOException {
        Map<String, Object> effective = new LinkedHashMap<>(properties);
        effective.putAll(config.overridesOf(module));
        ServiceProcess process = ServiceProcess.start(
                module, config.serviceJar(module), effective, config.home().resolve("logs"));
        services.put(module, process);
        resources.add(process);
        return process;
    }

    private static CompletableFuture<Void> awaitAsync(ServiceProcess process, String url) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        process.awaitReady(url, READY_TIMEOUT);
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

    public Map<String, ServiceProcess> services() {
        return services;
    }

    /** Stops services first (they flush to Kafka and PostgreSQL), then the infrastructure. */
    @Override
    public void close() {
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
