package dev.stoa.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoaKafkaIT {

    @Test
    void brokerIsSharedAndDeliversToAutoCreatedTopics() throws Exception {
        assertThat(StoaKafka.instance()).isSameAs(StoaKafka.instance());
        StoaKafka.createTopics("stoa.fixture.v1", "stoa.fixture.v1");

        try (var producer = producer(StoaKafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>("stoa.never-created.v1", "org_a", "hello"))
                    .get();
        }

        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                StoaKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "fixture",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of("stoa.never-created.v1"));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
            });
            assertThat(seen.getFirst().key()).isEqualTo("org_a");
            assertThat(seen.getFirst().value()).isEqualTo("hello");
        }
    }

    @Test
    void persistentBrokerKeepsTopicsAcrossRestartsOnItsPort(@TempDir Path dataDir) throws Exception {
        int port;
        try (StoaKafka kafka = StoaKafka.startPersistent(dataDir, 0)) {
            port = Integer.parseInt(kafka.brokers().substring(kafka.brokers().lastIndexOf(':') + 1));
            try (var producer = producer(kafka.brokers())) {
                producer.send(new ProducerRecord<>("stoa.kept.v1", "org_a", "kept"))
                        .get();
            }
        }

        try (StoaKafka kafka = StoaKafka.startPersistent(dataDir, port)) {
            assertThat(kafka.brokers()).isEqualTo("127.0.0.1:" + port);
            assertThat(readAll(kafka.brokers(), "stoa.kept.v1")).containsExactly("kept");
        }
    }

    @Test
    void persistentBrokerKeepsItsClusterIdAndDataOnAnotherPort(@TempDir Path dataDir) throws Exception {
        String clusterId;
        try (StoaKafka kafka = StoaKafka.startPersistent(dataDir, 0)) {
            clusterId = clusterId(kafka.brokers());
            try (var producer = producer(kafka.brokers())) {
                producer.send(new ProducerRecord<>("stoa.moved.v1", "org_a", "kept"))
                        .get();
            }
        }

        // the launcher starts its broker on any free port: the data and the cluster id must not depend on it
        try (StoaKafka kafka = StoaKafka.startPersistent(dataDir, 0)) {
            assertThat(clusterId(kafka.brokers())).isEqualTo(clusterId);
            assertThat(readAll(kafka.brokers(), "stoa.moved.v1")).containsExactly("kept");
        }
    }

    private static String clusterId(String brokers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static KafkaProducer<String, String> producer(String brokers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static List<String> readAll(String brokers, String topic) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
