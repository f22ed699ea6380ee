package dev.stoa.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.store.TenantTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = EventsTestApp.class,
        properties = {
            "spring.application.name=events-test",
            "spring.liquibase.change-log=classpath:db/changelog/events-test.yaml"
        })
class OutboxIT {
    private static final AuditEvent PAYLOAD = AuditEvent.newBuilder()
            .setOrgId("org_a")
            .setActorId("usr_1")
            .setAction("user.registered")
            .build();

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    TenantTransactions tenants;

    @Autowired
    DSLContext dsl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        StoaPostgres.freshDatabase("events").springProperties().forEach((k, v) -> registry.add(k, () -> v));
        StoaKafka.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void topics() {
        StoaKafka.createTopics(Topics.AUDIT);
    }

    @Test
    void appendedEventReachesKafkaAsBinaryCloudEventKeyedByOrg() {
        String id = tenants.inOrg(
                "org_a",
                tx -> outbox.append(tx, Topics.AUDIT, "org_a", "dev.stoa.audit.user.registered", "usr_1", PAYLOAD));

        ConsumerRecord<String, byte[]> record = awaitRecord(id);

        assertThat(record.key()).isEqualTo("org_a");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("dev.stoa.audit.user.registered");
        assertThat(header(record, "ce_source")).isEqualTo("/stoa/events-test");
        assertThat(header(record, "ce_subject")).isEqualTo("usr_1");
        assertThat(header(record, "ce_time")).isNotBlank();
        assertThat(header(record, "content-type")).isEqualTo("application/protobuf");
        ReceivedEvent event = ReceivedEvent.from(record);
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.payload(AuditEvent.parser())).isEqualTo(PAYLOAD);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> dsl.fetchValue("select published_at is not null from stoa_outbox where event_id = ?", id)
                        .equals(Boolean.TRUE));
        assertThat(relay.publishedCount()).isPositive();
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        String[] rolledBack = new String[1];
        assertThatThrownBy(() -> tenants.inOrgRun("org_a", tx -> {
                    rolledBack[0] = outbox.append(tx, Topics.AUDIT, "org_a", "dev.stoa.audit.test", null, PAYLOAD);
                    throw new IllegalStateException("the change failed");
                }))
                .hasMessage("the change failed");
        String committed = tenants.inOrg(
                "org_a", tx -> outbox.append(tx, Topics.AUDIT, "org_a", "dev.stoa.audit.test", null, PAYLOAD));

        awaitRecord(committed);

        // The relay publishes in id order, so anything appended before `committed` would be on the topic by now.
        List<String> ids = EventsTestApp.readAll(StoaKafka.bootstrapServers(), Topics.AUDIT).stream()
                .map(r -> header(r, "ce_id"))
                .toList();
        assertThat(ids).contains(committed).doesNotContain(rolledBack[0]);
    }

    @Test
    void processedEventsDedupesARedeliveredEvent() {
        assertThat(mark("it-consumer", "evt_1")).isTrue();
        assertThat(mark("it-consumer", "evt_1")).isFalse();
        assertThat(mark("other-consumer", "evt_1")).isTrue();

        // An effect that rolls back takes its mark with it, so the redelivery is processed again.
        assertThatThrownBy(() -> tenants.globalRun(tx -> {
                    processed.markProcessed(tx, "it-consumer", "evt_2");
                    throw new IllegalStateException("effect failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(mark("it-consumer", "evt_2")).isTrue();
    }

    private boolean mark(String consumer, String eventId) {
        return tenants.global(tx -> processed.markProcessed(tx, consumer, eventId));
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String eventId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> find(eventId), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<ConsumerRecord<String, byte[]>> find(String eventId) {
        return EventsTestApp.readAll(StoaKafka.bootstrapServers(), Topics.AUDIT).stream()
                .filter(r -> eventId.equals(header(r, "ce_id")))
                .findFirst();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
