package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.SdkMessage;

/** The transport of one live SDK session (a WebSocket): sends are thread-safe and never block for long. */
public interface SdkChannel {
    /** Sends a message; false when the session is gone or its send buffer is full. */
    boolean send(SdkMessage message);

    /** Closes the session (policy violation, shutdown). */
    void close(String reason);
}
