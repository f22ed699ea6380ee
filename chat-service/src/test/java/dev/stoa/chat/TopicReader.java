package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.ReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what chat published (through its outbox) from the embedded Kafka broker, from the start of a topic. */
final class TopicReader {
    private TopicReader() {}

    /** The one event on {@code topic}, keyed by {@code orgId}, that {@code match} accepts (it must come exactly once). */
    static <T extends Message> T one(String topic, String orgId, Parser<T> parser, Predicate<T> match) {
        return all(topic, orgId, parser, match, 1).getFirst();
    }

    /** The {@code count} events on {@code topic}, keyed by {@code orgId}, that {@code match} accepts (no more). */
    static <T extends Message> List<T> all(
            String topic, String orgId, Parser<T> parser, Predicate<T> match, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chat-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orgId.equals(record.key())) {
                        T event = ReceivedEvent.from(record).payload(parser);
                        if (match.test(event)) {
                            found.add(event);
                        }
                    }
                }
                assertThat(found).hasSize(count);
            });
        }
        return found;
    }
}
