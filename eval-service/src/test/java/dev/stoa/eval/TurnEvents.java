package dev.stoa.eval;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.TurnFinished;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes chat's events as its outbox relay does: binary CloudEvents, protobuf data, the org as key. */
final class TurnEvents {
    private TurnEvents() {}

    /** A completed chat turn of {@code version} in {@code conversation}, finished at {@code at}. */
    static TurnFinished turn(
            String orgId, String agentId, int version, String conversation, String user, String answer, Instant at) {
        return TurnFinished.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setAgentVersion(version)
                .setConversationId(conversation)
                .setTurnId(Ids.generate("trn"))
                .setUserId("usr_live")
                .setProviderId("prv_chat")
                .setModel("chat-model")
                .setOutcome("completed")
                .setKind("chat")
                .setUserMessage(user)
                .setAssistantMessage(answer)
                .setStartedAt(ts(at.minusSeconds(1)))
                .setFinishedAt(ts(at))
                .build();
    }

    /** Publishes the turns in order, with one producer (each event gets its own id). */
    static void publish(TurnFinished... turns) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (TurnFinished turn : turns) {
                send(producer, Topics.TURNS, turn.getOrgId(), "dev.stoa.chat.turn.completed", turn);
            }
        }
    }

    static void publishDeletion(String orgId, String agentId, String conversationId) {
        publish(
                Topics.CONVERSATIONS,
                orgId,
                "dev.stoa.chat.conversation.deleted",
                ConversationDeleted.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setConversationId(conversationId)
                        .setUserId("usr_live")
                        .setDeletedAt(ts(Instant.now()))
                        .build());
    }

    private static void publish(String topic, String orgId, String type, Message payload) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, topic, orgId, type, payload);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, String topic, String orgId, String type, Message payload) {
        var event = CloudEventBuilder.v1()
                .withId(Ids.generate("evt"))
                .withType(type)
                .withSource(URI.create("/stoa/chat-service"))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/protobuf")
                .withData(payload.toByteArray())
                .build();
        try {
            producer.send(KafkaMessageFactory.<String>createWriter(topic, orgId).writeBinary(event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    static Timestamp ts(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
