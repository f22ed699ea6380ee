package dev.stoa.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** A service whose PostgreSQL is down at start-up starts anyway, is not ready, and migrates once PostgreSQL returns. */
class ResilientMigrationsIT {

    @Test
    void startsWithoutTheDatabaseAndMigratesWhenItReturns() throws Exception {
        int port = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApp.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url", url,
                        "spring.datasource.username", "postgres",
                        "spring.datasource.hikari.connection-timeout", "1000",
                        "spring.liquibase.change-log", "classpath:db/outage/changelog.sql",
                        // one role for both here, so no owner credentials tell it to migrate at start: the dev flag
                        // does
                        "stoa.store.migrate-on-start", "true"))
                .run()) {
            ResilientMigrations migrations = app.getBean(ResilientMigrations.class);
            assertThat(migrations.health().getStatus()).isEqualTo(Status.DOWN);

            try (EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder().setPort(port).start()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> migrations.health().getStatus().equals(Status.UP));
                try (Connection db = DriverManager.getConnection(url, "postgres", "");
                        var rows = db.createStatement().executeQuery("select count(*) from outage_probe")) {
                    assertThat(rows.next()).isTrue();
                }
            }
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {}
}
