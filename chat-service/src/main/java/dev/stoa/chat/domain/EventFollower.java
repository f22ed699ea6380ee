package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.port.ConversationRepository;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Streams a conversation's events to one reader: first what the log holds after the reader's last id, then live
 * events of the running turn; a reader that was dropped for falling behind goes back to the log and catches up.
 * The model is never called again: replay comes from PostgreSQL only.
 */
public final class EventFollower {
    private static final int PAGE = 500;
    /** How long to wait for a live event before sending a keep-alive comment. */
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final ConversationRepository repository;
    private final TurnHub hub;

    EventFollower(ConversationRepository repository, TurnHub hub) {
        this.repository = repository;
        this.hub = hub;
    }

    /** Where the events go (an SSE response); throws when the client is gone. */
    public interface Sink {
        void send(LoggedEvent event) throws IOException;

        void keepAlive() throws IOException;
    }

    /**
     * Sends events after {@code afterSeq} until {@code turnId}'s terminal event (or, when null, until the turn running
     * now ends; at once when none is running).
     */
    void follow(String orgId, String conversationId, long afterSeq, @Nullable String turnId, Sink sink)
            throws IOException, InterruptedException {
        long last = afterSeq;
        while (true) {
            Optional<TurnHub.Live> live = hub.live(conversationId);
            String following =
                    turnId != null ? turnId : live.map(TurnHub.Live::turnId).orElse(null);
            TurnHub.Subscriber subscriber = live.map(TurnHub.Live::subscribe).orElse(null);
            try {
                List<LoggedEvent> page;
                do {
                    page = repository.events(orgId, conversationId, last, PAGE);
                    for (LoggedEvent event : page) {
                        sink.send(event);
                        last = event.seq();
                        if (event.terminal() && event.turnId().equals(following)) {
                            return;
                        }
                    }
                } while (page.size() == PAGE);
                if (subscriber == null || following == null) {
                    return; // nothing running here: the log is all there is
                }
                while (true) {
                    LoggedEvent event = subscriber.next(KEEP_ALIVE_MILLIS);
                    if (event == null) {
                        break; // dropped or ended: read on from the log
                    }
                    if (event == TurnHub.Subscriber.idle()) {
                        sink.keepAlive();
                        continue;
                    }
                    if (event.seq() <= last) {
                        continue;
                    }
                    if (event.seq() != last + 1) {
                        break; // a gap: the log has what is missing
                    }
                    sink.send(event);
                    last = event.seq();
                    if (event.terminal() && event.turnId().equals(following)) {
                        return;
                    }
                }
            } finally {
                if (subscriber != null) {
                    subscriber.close();
                }
            }
        }
    }
}
