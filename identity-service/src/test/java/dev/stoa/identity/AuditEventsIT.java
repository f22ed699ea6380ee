package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.identity.Api.Session;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.proto.events.v1.CredentialRevoked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@IdentityServiceTest
class AuditEventsIT {
    private final Api api;
    private final TestMailbox mailbox;

    AuditEventsIT(Api api, TestMailbox mailbox) {
        this.api = api;
        this.mailbox = mailbox;
    }

    @Test
    void authAndCredentialChangesReachKafkaThroughTheOutbox() {
        Session owner = api.registerVerified(mailbox);
        String email = "audit-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/org/members", owner.accessToken(), Map.of("email", email, "role", "member"));
        String keyId = api.post(
                        "/api/v1/org/api-keys", owner.accessToken(), Map.of("name", "k", "scopes", List.of("org:read")))
                .json()
                .path("id")
                .asString();
        api.delete("/api/v1/org/api-keys/" + keyId, owner.accessToken());
        api.post("/api/v1/auth/logout", owner.accessToken(), null);

        List<ReceivedEvent> audit = new ArrayList<>();
        List<ReceivedEvent> revocations = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.AUDIT, Topics.SESSIONS));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> { // generous: the whole suite shares two cores
                                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                                    if (owner.orgId().equals(record.key())) {
                                        (record.topic().equals(Topics.AUDIT) ? audit : revocations)
                                                .add(ReceivedEvent.from(record));
                                    }
                                }
                                assertThat(audit.stream().map(e -> e.payload(AuditEvent.parser())
                                                .getAction()))
                                        .contains(
                                                "user.registered",
                                                "user.email_verified",
                                                "member.invited",
                                                "api_key.created",
                                                "api_key.revoked",
                                                "auth.logout");
                                assertThat(revocations).hasSize(2);
                            });
        }
        assertThat(audit).allSatisfy(e -> assertThat(e.type()).startsWith("dev.stoa.audit."));
        assertThat(revocations.stream().map(e -> e.payload(CredentialRevoked.parser())))
                .anySatisfy(r -> {
                    assertThat(r.getKind()).isEqualTo("session");
                    assertThat(r.getSessionId()).isEqualTo(owner.sessionId());
                })
                .anySatisfy(r -> {
                    assertThat(r.getKind()).isEqualTo("api_key");
                    assertThat(r.getSessionId()).isEqualTo(keyId);
                    assertThat(r.getCredentialHash()).hasSize(64);
                });
        assertThat(audit.stream().map(e -> new String(e.data()))).noneMatch(s -> s.contains(Api.PASSWORD));
    }

    static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
