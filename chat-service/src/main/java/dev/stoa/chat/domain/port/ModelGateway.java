package dev.stoa.chat.domain.port;

import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.providers.ChatEvent;
import dev.stoa.providers.ChatRequest;

/** The provider layer: a streamed reply from one model target (blocking; run on a virtual thread). */
public interface ModelGateway {

    /**
     * Opens a streamed reply; returns once its first event arrived, so a failure before the first token throws here
     * ({@link dev.stoa.providers.ProviderException}) and the caller may fall back to the next target.
     */
    ModelStream open(ModelTarget target, ChatRequest request);

    /** A reply being streamed: iterate once, close when done or abandoning it (closing stops the provider call). */
    interface ModelStream extends Iterable<ChatEvent>, AutoCloseable {
        @Override
        void close();
    }
}
