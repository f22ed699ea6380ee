package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.LoggedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The turns running in this process, by conversation, and their live subscribers. Every event is appended to
 * the conversation's log (text deltas in batches just after they are sent, see {@code EventLog}) and offered to each
 * subscriber's bounded queue; a subscriber whose queue is full is
 * dropped (it then reads on from the log), so a slow reader never makes the service buffer without bound.
 */
public final class TurnHub {
    /** Events a subscriber may fall behind by before it is dropped and resumes from the log. */
    public static final int SUBSCRIBER_BUFFER = 1024;

    private final Map<String, Live> running = new ConcurrentHashMap<>();

    /** Registers a turn about to run; null if the conversation already has one running here. */
    @Nullable
    Live start(String conversationId, String turnId) {
        Live live = new Live(conversationId, turnId);
        return running.putIfAbsent(conversationId, live) == null ? live : null;
    }

    /** Frees the conversation for its next turn (before the terminal event goes out, so a client may follow up). */
    void release(Live live) {
        running.remove(live.conversationId, live);
    }

    void finished(Live live) {
        release(live);
        live.close();
    }

    /** The turn running for a conversation in this process, if any. */
    public Optional<Live> live(String conversationId) {
        return Optional.ofNullable(running.get(conversationId));
    }

    /** A running turn: its subscribers, and whether it was asked to stop. */
    public static final class Live {
        private final String conversationId;
        private final String turnId;
        private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        /** Events sent but not yet in the log (text deltas awaiting their batch): a new subscriber starts with them. */
        private final List<LoggedEvent> unwritten = new ArrayList<>();

        private volatile boolean cancelled;
        private volatile boolean closed;
        private volatile @Nullable Runnable onCancel;

        Live(String conversationId, String turnId) {
            this.conversationId = conversationId;
            this.turnId = turnId;
        }

        public String turnId() {
            return turnId;
        }

        /**
         * A new subscriber; it receives the events not yet in the log and every event published from now on (until it
         * is dropped or closes), so the log read after subscribing plus this queue leave no gap.
         */
        public synchronized Subscriber subscribe() {
            Subscriber subscriber = new Subscriber(this);
            unwritten.forEach(subscriber.queue::offer);
            subscribers.add(subscriber);
            if (closed) {
                subscriber.drop();
            }
            return subscriber;
        }

        synchronized void publishUnwritten(LoggedEvent event) {
            unwritten.add(event);
            publish(event);
        }

        synchronized void written(long upToSeq) {
            unwritten.removeIf(e -> e.seq() <= upToSeq);
        }

        synchronized void publish(LoggedEvent event) {
            for (Subscriber subscriber : subscribers) {
                if (!subscriber.queue.offer(event)) {
                    subscriber.drop();
                }
            }
        }

        /** Asks the turn to stop; it ends with {@code turn.cancelled} at its next step. */
        public void cancel() {
            cancelled = true;
            Runnable hook = onCancel;
            if (hook != null) {
                hook.run();
            }
        }

        boolean cancelled() {
            return cancelled;
        }

        /** What to do on cancel right away (close the provider stream, cancel tool calls). */
        void onCancel(@Nullable Runnable hook) {
            this.onCancel = hook;
            if (cancelled && hook != null) {
                hook.run();
            }
        }

        private void close() {
            closed = true;
            subscribers.forEach(Subscriber::drop);
        }
    }

    /** One live reader of a turn's events. */
    public static final class Subscriber implements AutoCloseable {
        private static final LoggedEvent DROPPED = new LoggedEvent(-1, "", "", "");

        private final Live live;
        private final BlockingQueue<LoggedEvent> queue = new ArrayBlockingQueue<>(SUBSCRIBER_BUFFER + 1);
        private volatile boolean dropped;

        Subscriber(Live live) {
            this.live = live;
        }

        /**
         * The next event, or null once dropped or the turn ended and everything was taken (then read on from the
         * log). Waits at most {@code timeoutMillis} and then returns {@link #idle()}.
         */
        public @Nullable LoggedEvent next(long timeoutMillis) throws InterruptedException {
            LoggedEvent event = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (event == DROPPED || (event == null && dropped)) {
                return null;
            }
            return event == null ? IDLE : event;
        }

        /** What {@link #next} returns when nothing came in time (the caller may write a keep-alive). */
        public static LoggedEvent idle() {
            return IDLE;
        }

        private static final LoggedEvent IDLE = new LoggedEvent(-2, "", "", "");

        private void drop() {
            if (!dropped) {
                dropped = true;
                live.subscribers.remove(this);
                queue.clear();
                queue.offer(DROPPED);
            }
        }

        @Override
        public void close() {
            live.subscribers.remove(this);
        }
    }
}
