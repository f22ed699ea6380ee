package dev.stoa.chat.api.rest;

import dev.stoa.chat.domain.EventFollower;
import dev.stoa.chat.domain.model.LoggedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes log events as Server-Sent Events ({@code id}, {@code event}, {@code data}), flushing each one. */
final class SseSink implements EventFollower.Sink {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;

    SseSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void send(LoggedEvent event) throws IOException {
        // data is one line of compact JSON: no newline can split it.
        String frame = "id: " + event.seq() + "\nevent: " + event.type() + "\ndata: " + event.data() + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void keepAlive() throws IOException {
        out.write(KEEP_ALIVE);
        out.flush();
    }
}
