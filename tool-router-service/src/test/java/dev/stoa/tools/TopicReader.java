package dev.stoa.tools;

import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the service published (through its outbox) from the JVM's embedded broker. */
final class TopicReader {
    private TopicReader() {}

    /** The first record of {@code topic}, from its start, that {@code wanted} accepts (waits up to 20 s). */
    static ConsumerRecord<String, byte[]> first(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                StoaKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
            await().atMost(Duration.ofSeconds(20)).alias("a record on " + topic).until(() -> {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                    if (partitions.isEmpty()) {
                        return false; // the outbox relay has not created the topic yet
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (found[0] == null && wanted.test(r)) {
                        found[0] = r;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }
}
