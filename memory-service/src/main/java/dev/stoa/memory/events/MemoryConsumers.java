package dev.stoa.memory.events;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.memory.domain.Extraction;
import dev.stoa.memory.domain.Forgetting;
import dev.stoa.memory.domain.model.FinishedTurn;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.TurnFinished;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes completed turns (extraction) and deleted conversations in consumer group {@code memory} (replicas share the
 * partitions). A turn is deduplicated by its turn id in {@code processed_turns}, in the facts' transaction; a deletion
 * is idempotent. An event that fails is retried with back-off by the container's error handler, then goes to
 * {@code <topic>.dlt}; one that cannot be read goes there at once (see {@code ConsumerErrorConfig}). Each turn's
 * outcome is counted in {@code stoa_memory_extractions_total{outcome}}.
 */
@Component
public final class MemoryConsumers {
    static final String GROUP = "memory";

    private final Extraction extraction;
    private final Forgetting forgetting;
    private final MeterRegistry meters;

    public MemoryConsumers(Extraction extraction, Forgetting forgetting, MeterRegistry meters) {
        this.extraction = extraction;
        this.forgetting = forgetting;
        this.meters = meters;
    }

    @KafkaListener(id = "memory-turns", topics = Topics.TURNS, groupId = GROUP)
    public void onTurn(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        TurnFinished turn = payload(event, TurnFinished.parser());
        Extraction.Outcome outcome = extraction.onTurn(new FinishedTurn(
                turn.getOrgId(),
                turn.getAgentId(),
                turn.getConversationId(),
                turn.getTurnId(),
                turn.getUserId(),
                turn.getKind(),
                turn.getOutcome(),
                turn.getUserMessage(),
                turn.getAssistantMessage(),
                turn.hasFinishedAt()
                        ? OffsetDateTime.ofInstant(
                                Instant.ofEpochSecond(
                                        turn.getFinishedAt().getSeconds(),
                                        turn.getFinishedAt().getNanos()),
                                ZoneOffset.UTC)
                        : received(event)));
        // ignored, duplicate, skipped, extracted or dead_lettered
        meters.counter("stoa.memory.extractions", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    @KafkaListener(id = "memory-conversations", topics = Topics.CONVERSATIONS, groupId = GROUP)
    public void onConversationDeleted(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        ConversationDeleted deleted = payload(event, ConversationDeleted.parser());
        forgetting.conversationDeleted(deleted.getOrgId(), deleted.getConversationId());
    }

    private static OffsetDateTime received(ReceivedEvent event) {
        OffsetDateTime time = event.time();
        return time != null ? time : OffsetDateTime.now(ZoneOffset.UTC);
    }

    static ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            return ReceivedEvent.from(record);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(e.getMessage() == null ? "not a CloudEvent" : e.getMessage(), e);
        }
    }

    static <T extends Message> T payload(ReceivedEvent event, Parser<T> parser) {
        try {
            return event.payload(parser);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("event " + event.id() + " has an unreadable payload", e);
        }
    }
}
