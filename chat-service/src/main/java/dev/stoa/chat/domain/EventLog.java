package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.port.ConversationRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writer of one running turn's events: each gets the conversation's next sequence number, is appended to the log
 * in PostgreSQL, then pushed to the live subscribers. Tool calls run in parallel, so appending is serialized.
 */
final class EventLog {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConversationRepository repository;
    private final TurnHub.Live live;
    private final Clock clock;
    private final String orgId;
    private final String conversationId;
    private final String turnId;
    private long seq;

    EventLog(
            ConversationRepository repository,
            TurnHub.Live live,
            Clock clock,
            String orgId,
            String conversationId,
            String turnId,
            long firstSeq) {
        this.repository = repository;
        this.live = live;
        this.clock = clock;
        this.orgId = orgId;
        this.conversationId = conversationId;
        this.turnId = turnId;
        this.seq = firstSeq - 1;
    }

    /** A data object of this turn's events, with {@code turn_id} set. */
    ObjectNode data() {
        return JSON.createObjectNode().put("turn_id", turnId);
    }

    synchronized LoggedEvent emit(String type, ObjectNode data) {
        LoggedEvent event = next(type, data);
        repository.appendEvent(orgId, conversationId, event, OffsetDateTime.now(clock));
        live.publish(event);
        return event;
    }

    /** The next event, not yet written (the terminal one is written with the turn's final state). */
    synchronized LoggedEvent next(String type, ObjectNode data) {
        seq++;
        return new LoggedEvent(seq, turnId, type, JSON.writeValueAsString(data));
    }

    void published(LoggedEvent event) {
        live.publish(event);
    }
}
