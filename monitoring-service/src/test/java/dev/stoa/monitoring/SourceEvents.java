package dev.stoa.monitoring;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.proto.events.v1.ToolCallEnded;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes events as the source services' outbox relays do (binary CloudEvents, protobuf data, the org as key), on
 * the JVM's Kafka.
 */
final class SourceEvents {
    private SourceEvents() {}

    static ToolCallEnded.Builder toolCall(String orgId, String agentId, String tool, String status, long latencyMs) {
        Instant end = Instant.now();
        return ToolCallEnded.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setConversationId("cnv_" + agentId)
                .setTurnId(Ids.generate("trn"))
                .setCallId("call_" + latencyMs)
                .setToolId("tol_" + tool)
                .setToolName(tool)
                .setSource("sdk")
                .setArgumentBytes(42)
                .setArgumentsPreview("{city: string(5)}")
                .setStatus(status)
                .setLatencyMs(latencyMs)
                .setErrorCode(status.equals("succeeded") ? "" : "tool_" + status)
                .setStartedAt(ts(end.minusMillis(latencyMs)))
                .setFinishedAt(ts(end));
    }

    static TurnFinished.Builder turn(
            String orgId, String agentId, String model, long in, long out, long costMicros, Instant finished) {
        return TurnFinished.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setAgentVersion(1)
                .setConversationId(Ids.generate("cnv"))
                .setTurnId(Ids.generate("trn"))
                .setUserId("usr_1")
                .setProviderId("prv_1")
                .setModel(model)
                .setInputTokens(in)
                .setOutputTokens(out)
                .setCostMicros(costMicros)
                .setOutcome("completed")
                .setStartedAt(ts(finished.minusSeconds(1)))
                .setFinishedAt(ts(finished))
                .setKind("chat");
    }

    static AuditEvent.Builder audit(String orgId, String actorId, String action, String targetType) {
        return AuditEvent.newBuilder()
                .setOrgId(orgId)
                .setActorId(actorId)
                .setActorType("user")
                .setAction(action)
                .setTargetType(targetType)
                .setTargetId(Ids.generate(targetType.length() > 3 ? targetType.substring(0, 3) : targetType))
                .setOccurredAt(ts(Instant.now()))
                .setRequestId("req_1")
                .setIp("203.0.113.7")
                .putAttributes("new_role", "admin");
    }

    /** Publishes {@code payload} with a new event id; returns the id. */
    static String publish(String topic, String orgId, Message payload) {
        String id = Ids.generate("evt");
        publish(topic, orgId, id, payload);
        return id;
    }

    static void publish(String topic, String orgId, String eventId, Message payload) {
        var event = CloudEventBuilder.v1()
                .withId(eventId)
                .withType(type(topic))
                .withSource(URI.create("/stoa/test"))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/protobuf")
                .withData(payload.toByteArray())
                .build();
        send(KafkaMessageFactory.<String>createWriter(topic, orgId).writeBinary(event));
    }

    /** A record that is no CloudEvent at all. */
    static void publishRaw(String topic, @Nullable String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    private static String type(String topic) {
        return switch (topic) {
            case Topics.TOOL_CALLS -> "dev.stoa.tools.call_ended";
            case Topics.TURNS -> "dev.stoa.chat.turn.completed";
            case Topics.SAFETY -> "dev.stoa.safety.finding";
            case Topics.APPROVALS -> "dev.stoa.tools.approval_requested";
            default -> "dev.stoa.audit.event";
        };
    }

    static Timestamp ts(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
