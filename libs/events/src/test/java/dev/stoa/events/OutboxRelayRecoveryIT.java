package dev.stoa.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.store.TenantTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = EventsTestApp.class,
        properties = {
            "spring.application.name=events-recovery-test",
            "spring.liquibase.change-log=classpath:db/changelog/events-test.yaml",
            "stoa.events.relay.retention=0s",
            "stoa.events.relay.cleanup-interval=100ms",
            "stoa.events.relay.max-backoff=500ms",
            // An attempt while Kafka is down fails after this long (the relay's default is 5 s).
            "spring.kafka.producer.properties.max.block.ms=1000"
        })
class OutboxRelayRecoveryIT {
    private static final int KAFKA_PORT = freePort();

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TenantTransactions tenants;

    @Autowired
    DSLContext dsl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        StoaPostgres.freshDatabase("events").springProperties().forEach((k, v) -> registry.add(k, () -> v));
        // Nothing listens here until the test starts a broker.
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
    }

    @Test
    void keepsEventsWhileKafkaIsDownAndPublishesThenDeletesThemWhenItReturns() {
        AuditEvent payload = AuditEvent.newBuilder().setOrgId("org_a").build();
        long failedBefore = relay.failedAttempts();
        String id = tenants.inOrg(
                "org_a", tx -> outbox.append(tx, Topics.AUDIT, "org_a", "dev.stoa.audit.test", null, payload));

        // Two failed attempts after the append: the relay has tried to publish this very event and could not.
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.failedAttempts() >= failedBefore + 2);
        assertThat(unpublished(id)).isEqualTo(1);
        assertThat(relay.publishedCount()).isZero();

        try (StoaKafka kafka = StoaKafka.start(KAFKA_PORT)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.publishedCount() == 1);
            assertThat(EventsTestApp.readAll(kafka.brokers(), Topics.AUDIT))
                    .extracting(r -> OutboxIT.header(r, "ce_id"))
                    .containsExactly(id);
            // Retention 0s: the published row is cleaned up.
            await().atMost(Duration.ofSeconds(10)).until(() -> rows(id) == 0);
        }
    }

    private int unpublished(String id) {
        return dsl.fetchCount(dsl.selectFrom("stoa_outbox where published_at is null and event_id = ?", id));
    }

    private int rows(String id) {
        return dsl.fetchCount(dsl.selectFrom("stoa_outbox where event_id = ?", id));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
