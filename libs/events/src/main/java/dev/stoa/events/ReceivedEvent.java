package dev.stoa.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvent read from a Kafka record (binary mode, as {@link OutboxRelay} writes it).
 *
 * @param id the event id: pass it to {@link ProcessedEvents#markProcessed} to skip redeliveries
 * @param key the Kafka key (the org id for tenant events)
 */
public record ReceivedEvent(
        String id,
        String type,
        String source,
        @Nullable String subject,
        @Nullable OffsetDateTime time,
        @Nullable String dataContentType,
        String topic,
        @Nullable String key,
        byte[] data) {

    /** Decodes the CloudEvents headers and data of {@code record}. */
    public static ReceivedEvent from(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new IllegalArgumentException(
                    "record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " is not a CloudEvent",
                    e);
        }
        CloudEventData data = event.getData();
        return new ReceivedEvent(
                event.getId(),
                event.getType(),
                event.getSource().toString(),
                event.getSubject(),
                event.getTime(),
                event.getDataContentType(),
                record.topic(),
                record.key(),
                data == null ? new byte[0] : data.toBytes());
    }

    /** The protobuf payload, e.g. {@code event.payload(AuditEvent.parser())}. */
    public <T extends Message> T payload(Parser<T> parser) {
        try {
            return parser.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("event " + id + " (" + type + ") has an unreadable payload", e);
        }
    }
}
