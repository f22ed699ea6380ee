package dev.stoa.fakeprovider;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Writes Server-Sent Events, flushing each so it leaves as its own chunk. */
final class SseWriter {
    private final OutputStream out;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    void event(@Nullable String name, String data) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (name != null) {
            sb.append("event: ").append(name).append('\n');
        }
        sb.append("data: ").append(data).append("\n\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
