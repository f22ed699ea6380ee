package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.ServiceProcess;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.service.RowLevelSecurityAssertions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one-shot migrate mode of the executable jar, as a compose one-shot service or a Helm hook runs it: it applies
 * the changelog with the owner role from STOA_DB_OWNER_* and exits 0, starting no web or gRPC server (their ports are
 * held by this test, so binding them would fail the run); with a wrong owner password it exits non-zero.
 */
@Timeout(300)
class MigrateModeIT {

    @Test
    void migratesWithTheOwnerRoleAndExitsWithoutServing() throws Exception {
        StoaPostgres.Database db = StoaPostgres.freshDatabase("migrate");
        try (ServerSocket http = busyPort();
                ServerSocket grpc = busyPort()) {
            Process run = migrate(db, db.ownerPassword(), http.getLocalPort(), grpc.getLocalPort(), "migrate-ok.log");

            assertThat(run.waitFor(240, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(run.exitValue())
                    .as("exit code; see target/migrate-ok.log")
                    .isZero();
        }
        try (Connection owner = db.connectAsOwner();
                ResultSet rows = owner.createStatement().executeQuery("select count(*) from databasechangelog")) {
            rows.next();
            assertThat(rows.getInt(1)).as("changesets applied").isPositive();
        }
        RowLevelSecurityAssertions.assertTenantTablesForced(db);
    }

    @Test
    void aFailedMigrationExitsNonZero() throws Exception {
        StoaPostgres.Database db = StoaPostgres.freshDatabase("migratebad");
        try (ServerSocket http = busyPort();
                ServerSocket grpc = busyPort()) {
            Process run = migrate(db, "not-the-password", http.getLocalPort(), grpc.getLocalPort(), "migrate-bad.log");

            assertThat(run.waitFor(240, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(run.exitValue()).isNotZero();
        }
    }

    private static Process migrate(
            StoaPostgres.Database db, String ownerPassword, int httpPort, int grpcPort, String log) throws IOException {
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();
        Path jar = ServiceProcess.executableJar(root, "identity-service");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "--stoa.mode=migrate")
                .redirectErrorStream(true)
                .redirectOutput(Files.createDirectories(root.resolve("identity-service/target"))
                        .resolve(log)
                        .toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        env.put("STOA_DB_OWNER_USERNAME", db.ownerUser());
        env.put("STOA_DB_OWNER_PASSWORD", ownerPassword);
        // as compose passes it: a map key with an underscore cannot come from an environment variable's name
        env.put(
                "SPRING_APPLICATION_JSON",
                "{\"spring\":{\"liquibase\":{\"parameters\":{\"app_role\":\"" + db.appUser() + "\"}}}}");
        env.put("SERVER_PORT", Integer.toString(httpPort));
        env.put("SPRING_GRPC_SERVER_PORT", Integer.toString(grpcPort));
        env.put("SPRING_KAFKA_BOOTSTRAPSERVERS", StoaKafka.bootstrapServers());
        env.put("STOA_SECRETS_KEYS_V1", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("STOA_SECRETS_ACTIVEVERSION", "v1");
        List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD").forEach(env::remove);
        return builder.start();
    }

    private static ServerSocket busyPort() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
