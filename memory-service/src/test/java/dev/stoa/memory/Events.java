package dev.stoa.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.TurnFinished;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events as chat's outbox relay does (binary CloudEvents, protobuf data, the org as key); reads spend. */
final class Events {
    private Events() {}

    /** A completed chat turn of {@code user} in {@code conversation}. */
    static TurnFinished turn(String orgId, String agentId, String conversationId, String userId, String message) {
        Instant now = Instant.now();
        return TurnFinished.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setAgentVersion(1)
                .setConversationId(conversationId)
                .setTurnId(Ids.generate("trn"))
                .setUserId(userId)
                .setProviderId("prv_chat")
                .setModel("chat-model")
                .setOutcome("completed")
                .setKind("chat")
                .setUserMessage(message)
                .setAssistantMessage("Noted.")
                .setStartedAt(ts(now.minusSeconds(1)))
                .setFinishedAt(ts(now))
                .build();
    }

    static void publishTurn(TurnFinished turn) {
        publish(Topics.TURNS, turn.getOrgId(), "dev.stoa.chat.turn.completed", turn);
    }

    static void publishDeletion(String orgId, String agentId, String conversationId, String userId) {
        publish(
                Topics.CONVERSATIONS,
                orgId,
                "dev.stoa.chat.conversation.deleted",
                ConversationDeleted.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setConversationId(conversationId)
                        .setUserId(userId)
                        .setDeletedAt(ts(Instant.now()))
                        .build());
    }

    private static void publish(String topic, String orgId, String type, Message payload) {
        var event = CloudEventBuilder.v1()
                .withId(Ids.generate("evt"))
                .withType(type)
                .withSource(URI.create("/stoa/chat-service"))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/protobuf")
                .withData(payload.toByteArray())
                .build();
        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(KafkaMessageFactory.<String>createWriter(topic, orgId).writeBinary(event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** The org's turn events on stoa.turns.v1 that {@code match} accepts, once {@code until} has been seen. */
    static List<TurnFinished> turnsUntil(String orgId, Predicate<TurnFinished> match, Predicate<TurnFinished> until) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "memory-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<TurnFinished> found = new ArrayList<>();
        boolean[] seen = {false};
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TURNS));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orgId.equals(record.key())) {
                        TurnFinished event = ReceivedEvent.from(record).payload(TurnFinished.parser());
                        if (match.test(event)) {
                            found.add(event);
                        }
                        seen[0] |= until.test(event);
                    }
                }
                assertThat(seen[0]).as("the awaited turn event").isTrue();
            });
        }
        return found;
    }

    static Timestamp ts(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
