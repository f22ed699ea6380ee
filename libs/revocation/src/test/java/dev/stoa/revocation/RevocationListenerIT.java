package dev.stoa.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.proto.events.v1.CredentialRevoked;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against a real broker: the list is rebuilt from the source before start() returns, Kafka events arrive within
 * seconds, and when the topic's log is lost (deleted and recreated) the listener notices and rebuilds again.
 */
@Timeout(120)
class RevocationListenerIT {
    private static final String TOPIC = "stoa.sessions.v1";

    private final StoaKafka kafka = StoaKafka.start(0);
    private final RevocationRegistry registry = new RevocationRegistry();
    private final List<CredentialRevoked> identity = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private RevocationListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        kafka.close();
    }

    @Test
    void rebuildsOnStartFollowsEventsAndRebuildsWhenTheBrokerLostTheTopic() throws Exception {
        kafka.create(TOPIC);
        identity.add(RevocationListenerTest.event("ses_known_to_identity", ""));
        Map<String, Object> config = RevocationListener.consumerConfig(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.brokers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "ignored"),
                "it");
        assertThat(config).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
        listener = new RevocationListener(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                TOPIC,
                Duration.ofMinutes(20),
                registry,
                sink -> {
                    reads.incrementAndGet();
                    identity.forEach(sink);
                    return identity.size();
                },
                List.of(),
                Duration.ofSeconds(10));

        listener.start();
        assertThat(registry.isRevoked("ses_known_to_identity"))
                .as("rebuilt before start() returns")
                .isTrue();

        publish(RevocationListenerTest.event("ses_from_kafka", ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.isRevoked("ses_from_kafka"));
        publish(RevocationListenerTest.event("ses_second", ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.isRevoked("ses_second"));
        int readsBefore = reads.get();

        // The broker loses the topic's log; identity meanwhile knows of a revocation Kafka never delivered.
        identity.add(RevocationListenerTest.event("ses_only_in_identity", ""));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers()))) {
            admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains(TOPIC));
        }
        kafka.create(TOPIC);

        await().atMost(Duration.ofSeconds(60)).until(() -> registry.isRevoked("ses_only_in_identity"));
        assertThat(reads.get()).isGreaterThan(readsBefore);
        // and the recreated topic is followed from its start
        publish(RevocationListenerTest.event("ses_after_loss", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.isRevoked("ses_after_loss"));
    }

    private void publish(CredentialRevoked event) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.getOrgId(), event.toByteArray());
            record.headers().add("ce_type", "stoa.events.v1.CredentialRevoked".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
