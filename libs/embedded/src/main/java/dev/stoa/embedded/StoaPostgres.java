package dev.stoa.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One PostgreSQL 17 server per JVM (embedded zonky binaries, or another one an {@link ExternalServers} provider offers:
 * the test kit's {@code postgres:17} container when Docker is available) handing out per-service databases whose owner role migrates and whose app role is subject to RLS.
 */
public final class StoaPostgres implements AutoCloseable {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Object LOCK = new Object();
    private static volatile @Nullable StoaPostgres shared;

    private final Server server;
    private final Map<String, Database> databases = new ConcurrentHashMap<>();
    private final AtomicInteger freshCounter = new AtomicInteger();

    private StoaPostgres(Server server) {
        this.server = server;
    }

    /** The JVM-wide server, started on first use and stopped by a shutdown hook. */
    public static StoaPostgres instance() {
        StoaPostgres current = shared;
        if (current == null) {
            synchronized (LOCK) {
                current = shared;
                if (current == null) {
                    Server external = ExternalServers.postgres();
                    current = new StoaPostgres(external != null ? external : embedded());
                    shared = current;
                }
            }
        }
        return current;
    }

    /** Database {@code stoa_<service>} on the JVM-wide server; later calls with the same name return it again. */
    public static Database database(String service) {
        return instance().ensureDatabase(service);
    }

    /** A new database {@code stoa_<service>_<n>} with its own roles, for tests that need isolation. */
    public static Database freshDatabase(String service) {
        StoaPostgres server = instance();
        return server.ensureDatabase(checked(service) + "_" + server.freshCounter.incrementAndGet());
    }

    /**
     * A server whose data survives restarts (the launcher's embedded default), listening on localhost:{@code port}.
     * Call {@link #close()} to stop it.
     */
    public static StoaPostgres startPersistent(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            Reaper.stopPostgresOnExit(dataDir);
            return new StoaPostgres(new Server("127.0.0.1", pg.getPort(), "postgres", "", pg::close));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Creates database {@code stoa_<service>} with roles {@code stoa_<service>_owner} and {@code stoa_<service>_app}
     * on this server, or reuses them (with new passwords) when they exist. Idempotent across restarts.
     */
    public Database ensureDatabase(String service) {
        String name = checked(service);
        return databases.computeIfAbsent(name, n -> new PostgresProvisioner(server).provision("stoa_" + n));
    }

    /** Port the server listens on (for logs and docs; clients use {@link Database#jdbcUrl()}). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.stopper().close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop PostgreSQL", e);
        }
    }

    private static Server embedded() {
        try {
            // A directory of our own (zonky deletes it on close) so the reaper can stop the server and delete it.
            Path dataDir = Files.createTempDirectory("stoa-postgres");
            Reaper.deleteOnExit(dataDir);
            EmbeddedPostgres pg = builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    // Throwaway test data: durability only costs time on a busy CI machine.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Reaper.stopPostgresOnExit(dataDir);
            return new Server("127.0.0.1", pg.getPort(), "postgres", "", pg::close);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "300")
                .setDataDirectoryCustomizer(PostgresProvisioner::requirePasswords);
    }

    private static String checked(String service) {
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("service name must match " + SERVICE.pattern());
        }
        return service;
    }

    /** Where a server is and how its superuser connects (the superuser's connections stay inside this package). */
    public record Server(String host, int port, String superUser, String superPassword, AutoCloseable stopper) {
        Connection superConnection(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), superUser, superPassword);
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /**
     * A service's database: the owner role runs Liquibase, the app role runs the service (RLS applies to it).
     */
    public record Database(String jdbcUrl, String ownerUser, String ownerPassword, String appUser, String appPassword) {

        /** Datasource (app role), Liquibase (owner role) and the {@code app_role} changelog parameter. */
        public Map<String, String> springProperties() {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("spring.datasource.url", jdbcUrl);
            props.put("spring.datasource.username", appUser);
            props.put("spring.datasource.password", appPassword);
            props.put("spring.liquibase.url", jdbcUrl);
            props.put("spring.liquibase.user", ownerUser);
            props.put("spring.liquibase.password", ownerPassword);
            props.put("spring.liquibase.parameters.app_role", appUser);
            return props;
        }

        /** A JDBC connection as the app role. */
        public Connection connectAsApp() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, appUser, appPassword);
        }

        /** A JDBC connection as the owner role (schema changes in tests). */
        public Connection connectAsOwner() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, ownerUser, ownerPassword);
        }

        @Override
        public String toString() {
            // Records print every component; passwords stay out of test logs.
            return "Database[jdbcUrl=" + jdbcUrl + ", ownerUser=" + ownerUser + ", appUser=" + appUser + "]";
        }
    }
}
