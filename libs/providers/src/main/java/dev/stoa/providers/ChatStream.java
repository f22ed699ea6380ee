package dev.stoa.providers;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A streamed reply: iterate it once (blocking) for its {@link ChatEvent}s, and close it, also when stopping early.
 * A failure after the first event is thrown from the iteration as a {@link ProviderException}; it is never retried,
 * since the caller has already seen part of the reply.
 */
public final class ChatStream implements AutoCloseable, Iterable<ChatEvent> {
    private final EventSource source;
    private final Resilience.Permit permit;
    private @Nullable ChatEvent pending;
    private boolean iterated;
    private boolean done;

    ChatStream(EventSource source, Resilience.Permit permit, ChatEvent first) {
        this.source = source;
        this.permit = permit;
        this.pending = first;
    }

    /**
     * Opens a stream, retrying (through {@code resilience}) until its first event arrives, so that failures before
     * anything was delivered can be retried safely.
     */
    static ChatStream open(Resilience resilience, boolean guarded, java.util.function.Supplier<EventSource> opener) {
        return resilience.call(guarded, permit -> {
            EventSource source = opener.get();
            try {
                ChatEvent first = source.next();
                if (first == null) {
                    throw ProviderException.streamCut("the reply ended before any event", null);
                }
                return new ChatStream(source, permit, first);
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
        });
    }

    @Override
    public Iterator<ChatEvent> iterator() {
        if (iterated) {
            throw new IllegalStateException("a chat stream can only be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    pending = pull();
                }
                return pending != null;
            }

            @Override
            public ChatEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ChatEvent event = Objects.requireNonNull(pending);
                pending = null;
                return event;
            }
        };
    }

    private @Nullable ChatEvent pull() {
        try {
            ChatEvent event = source.next();
            if (event == null) {
                done = true;
                permit.success();
                source.close();
            }
            return event;
        } catch (RuntimeException e) {
            done = true;
            permit.failure(e);
            source.close();
            throw e;
        }
    }

    /** Releases the connection; a reply abandoned midway still counts as a healthy call for the circuit breaker. */
    @Override
    public void close() {
        done = true;
        permit.success();
        source.close();
    }
}
