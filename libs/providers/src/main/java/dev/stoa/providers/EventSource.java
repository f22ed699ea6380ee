package dev.stoa.providers;

import org.jspecify.annotations.Nullable;

/** A protocol's open stream, translated to chat events; throws {@link ProviderException} on failure. */
interface EventSource extends AutoCloseable {
    /** The next event, or null once the reply is complete (after its Finished event). */
    @Nullable
    ChatEvent next();

    @Override
    void close();
}
