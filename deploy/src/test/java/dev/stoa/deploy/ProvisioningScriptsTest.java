package dev.stoa.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The provisioning scripts (helm/stoa/files), which the chart's hook Jobs and compose's one-shot services run, run
 * here for real: psql against an embedded PostgreSQL, and the Kafka CLI (its own classes, behind stand-ins for
 * kafka-topics.sh / kafka-configs.sh) against an in-JVM broker. Each runs twice: provisioning is idempotent.
 */
@Timeout(180)
class ProvisioningScriptsTest {
    private static final Path FILES = Chart.CHART.resolve("files");

    @TempDir
    Path tmp;

    @Test
    void databasesGetAnOwnerAndAnAppRoleAndRotatingAPasswordIsARerun() throws Exception {
        assumeTrue(Tools.find("psql").isPresent(), "no psql on the PATH (Debian package postgresql-client)");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Map<String, String> env = Map.of(
                    "PGHOST",
                    "127.0.0.1",
                    "PGPORT",
                    String.valueOf(pg.getPort()),
                    "PGUSER",
                    "postgres",
                    "PGDATABASE",
                    "postgres",
                    "STOA_DATABASES",
                    "chat-service:stoa_chat:stoa_chat_owner:stoa_chat_app",
                    "STOA_DB_CHAT_SERVICE_OWNER_PASSWORD",
                    "owner-1",
                    "STOA_DB_CHAT_SERVICE_APP_PASSWORD",
                    "app-1");

            Tools.Result first = run("provision-databases.sh", env);
            String firstHash = passwordHash(pg, "stoa_chat_app");
            Map<String, String> rotated = new java.util.HashMap<>(env);
            rotated.put("STOA_DB_CHAT_SERVICE_APP_PASSWORD", "app-2");
            Tools.Result second = run("provision-databases.sh", rotated);

            assertThat(first.exit()).as(first.output()).isZero();
            assertThat(second.exit()).as(second.output()).isZero();
            assertThat(passwordHash(pg, "stoa_chat_app"))
                    .as("the rerun reset the password")
                    .isNotEqualTo(firstHash);
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                assertThat(one(c, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'stoa_chat'"))
                        .isEqualTo("stoa_chat_owner");
                assertThat(one(
                                c,
                                "SELECT rolsuper::text || rolbypassrls::text || rolcreaterole::text || rolcreatedb::text"
                                        + " FROM pg_roles WHERE rolname = 'stoa_chat_app'"))
                        .as("the app role: no superuser, no BYPASSRLS, creates nothing")
                        .isEqualTo("falsefalsefalsefalse");
                assertThat(one(c, "SELECT has_database_privilege('stoa_chat_app', 'stoa_chat', 'CONNECT')::text"))
                        .isEqualTo("true");
            }
            try (Connection c = pg.getDatabase("postgres", "stoa_chat").getConnection()) {
                assertThat(one(c, "SELECT has_schema_privilege('stoa_chat_app', 'public', 'CREATE')::text"))
                        .as("the app role cannot create tables (it must own none)")
                        .isEqualTo("false");
                assertThat(one(c, "SELECT has_schema_privilege('stoa_chat_owner', 'public', 'CREATE')::text"))
                        .isEqualTo("true");
            }

            Map<String, String> bad = new java.util.HashMap<>(env);
            bad.put("STOA_DATABASES", "x:stoa_x;drop:o:a");
            assertThat(run("provision-databases.sh", bad).output()).contains("invalid name 'stoa_x;drop'");
            bad.put("STOA_DATABASES", "memory-service:stoa_memory:stoa_memory_owner:stoa_memory_app");
            Tools.Result missing = run("provision-databases.sh", bad);
            assertThat(missing.exit()).isNotZero();
            assertThat(missing.output())
                    .contains("STOA_DB_MEMORY_SERVICE_OWNER_PASSWORD and"
                            + " STOA_DB_MEMORY_SERVICE_APP_PASSWORD must be set");
        }
    }

    @Test
    void kafkaTopicsGetTheirSettingsAndUsersTheirScramCredentials() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "KAFKA_BIN", kafkaCli().toString(),
                    "KAFKA_BOOTSTRAP", kafka.getBrokersAsString(),
                    "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "STOA_KAFKA_USERS", "chat-service:stoa-chat",
                    "STOA_KAFKA_CHAT_SERVICE_PASSWORD", "chat-secret-1",
                    "STOA_KAFKA_TOPICS", "stoa.turns.v1:2:0:86400000:delete stoa.audit.v1:1:1:2592000000:delete"));

            Tools.Result first = run("provision-kafka.sh", env);
            assertThat(first.exit()).as(first.output()).isZero();
            env.put("STOA_KAFKA_TOPICS", "stoa.turns.v1:4:0:3600000:delete stoa.audit.v1:1:1:2592000000:delete");
            Tools.Result second = run("provision-kafka.sh", env);
            assertThat(second.exit()).as(second.output()).isZero();

            Map<String, TopicDescription> topics = admin.describeTopics(List.of("stoa.turns.v1", "stoa.audit.v1"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics.get("stoa.turns.v1").partitions())
                    .as("raised on the rerun")
                    .hasSize(4);
            assertThat(topics.get("stoa.audit.v1").partitions()).hasSize(1);
            ConfigResource turns = new ConfigResource(ConfigResource.Type.TOPIC, "stoa.turns.v1");
            Config config = admin.describeConfigs(List.of(turns))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(turns);
            assertThat(config.get("retention.ms").value())
                    .as("updated on the rerun")
                    .isEqualTo("3600000");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(admin.describeUserScramCredentials(List.of("stoa-chat"))
                            .all()
                            .get(30, TimeUnit.SECONDS))
                    .containsKey("stoa-chat");
        } finally {
            kafka.destroy();
        }
    }

    /** kafka-topics.sh and kafka-configs.sh as the image has them: the same classes, on this JVM's classpath. */
    private Path kafkaCli() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("kafka-bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        for (Map.Entry<String, String> tool : Map.of(
                        "kafka-topics.sh", "org.apache.kafka.tools.TopicCommand",
                        "kafka-configs.sh", "kafka.admin.ConfigCommand")
                .entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(
                    script,
                    "#!/bin/sh\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + classpath + "' "
                            + tool.getValue() + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private Tools.Result run(String script, Map<String, String> env) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("sh", FILES.resolve(script).toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("PG") || k.startsWith("STOA_") || k.startsWith("KAFKA"));
        builder.environment().putAll(env);
        builder.environment().put("STOA_PROVISION_ATTEMPTS", "5");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).isTrue();
        return new Tools.Result(process.exitValue(), output);
    }

    private static String passwordHash(EmbeddedPostgres pg, String role) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            return one(c, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + role + "'");
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
