package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.EventTypes;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.port.ConversationRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writer of one running turn's events: each gets the conversation's next sequence number, is appended to the log
 * in PostgreSQL, then pushed to the live subscribers. Text deltas are the exception: they go out at once and are
 * written in batches (up to {@link #DELTA_BATCH} of them, or once the oldest is {@link #DELTA_BATCH_NANOS} old, and
 * always before any other event is written), so a streamed answer costs a few transactions, not one per token; until
 * written they stay in the live turn, where a reader who joins finds them. Tool calls run in parallel, so appending is
 * serialized.
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
    private final List<LoggedEvent> unwritten = new ArrayList<>();
    private long oldestUnwritten;

    static final int DELTA_BATCH = 64;
    static final long DELTA_BATCH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

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

    /** Writes the event (after any deltas not yet written), then sends it. */
    synchronized LoggedEvent emit(String type, ObjectNode data) {
        LoggedEvent event = next(type, data);
        unwritten.add(event);
        flush();
        live.publish(event);
        return event;
    }

    /** Sends a text delta at once; it is written with the next batch. */
    synchronized LoggedEvent emitDelta(ObjectNode data) {
        LoggedEvent event = next(EventTypes.TEXT_DELTA, data);
        if (unwritten.isEmpty()) {
            oldestUnwritten = System.nanoTime();
        }
        unwritten.add(event);
        live.publishUnwritten(event);
        if (unwritten.size() >= DELTA_BATCH || System.nanoTime() - oldestUnwritten >= DELTA_BATCH_NANOS) {
            flush();
        }
        return event;
    }

    /** Writes what was sent but not yet written (before the terminal event, which the turn's end writes). */
    synchronized void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        repository.appendEvents(orgId, conversationId, List.copyOf(unwritten), OffsetDateTime.now(clock));
        live.written(unwritten.getLast().seq());
        unwritten.clear();
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
