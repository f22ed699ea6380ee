package dev.stoa.eval.events;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import dev.stoa.eval.domain.LiveTurns;
import dev.stoa.eval.domain.model.FinishedTurn;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.TurnFinished;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes finished turns (A/B tests, quality checks) and deleted conversations in consumer group {@code eval}
 * (replicas share the partitions). Every effect is keyed by the turn id, so a redelivered event changes nothing; an
 * event that fails (the judge's model away) is retried with back-off by the container's error handler (see
 * {@code EvalServiceConfig}), one that cannot be read is skipped at once.
 */
@Component
public final class TurnConsumers {
    static final String GROUP = "eval";

    private final LiveTurns live;

    public TurnConsumers(LiveTurns live) {
        this.live = live;
    }

    @KafkaListener(id = "eval-turns", topics = Topics.TURNS, groupId = GROUP)
    public void onTurn(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = read(record);
        TurnFinished turn = payload(event, TurnFinished.parser());
        live.onTurn(new FinishedTurn(
                turn.getOrgId(),
                turn.getAgentId(),
                turn.getAgentVersion(),
                turn.getConversationId(),
                turn.getTurnId(),
                turn.getKind(),
                turn.getOutcome(),
                turn.getUserMessage(),
                turn.getAssistantMessage(),
                turn.hasFinishedAt()
                        ? time(turn.getFinishedAt())
                        : Objects.requireNonNullElseGet(event.time(), () -> OffsetDateTime.now(ZoneOffset.UTC))));
    }

    @KafkaListener(id = "eval-conversations", topics = Topics.CONVERSATIONS, groupId = GROUP)
    public void onConversationDeleted(ConsumerRecord<String, byte[]> record) {
        ConversationDeleted deleted = payload(read(record), ConversationDeleted.parser());
        live.conversationDeleted(deleted.getOrgId(), deleted.getConversationId());
    }

    private static OffsetDateTime time(Timestamp at) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(at.getSeconds(), at.getNanos()), ZoneOffset.UTC);
    }

    private static ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            return ReceivedEvent.from(record);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(e.getMessage() == null ? "not a CloudEvent" : e.getMessage(), e);
        }
    }

    private static <T extends Message> T payload(ReceivedEvent event, Parser<T> parser) {
        try {
            return event.payload(parser);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("event " + event.id() + " has an unreadable payload", e);
        }
    }
}
