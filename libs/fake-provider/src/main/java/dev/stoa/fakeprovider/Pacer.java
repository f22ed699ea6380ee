package dev.stoa.fakeprovider;

import java.time.Duration;

/** Spaces out streamed tokens (time to first token, then a gap) and cuts the stream after a number of tokens. */
final class Pacer {
    private final Duration timeToFirstToken;
    private final Duration interTokenDelay;
    private final int cutAfter;
    private int emitted;

    Pacer(Duration timeToFirstToken, Duration interTokenDelay, int cutAfter) {
        this.timeToFirstToken = timeToFirstToken;
        this.interTokenDelay = interTokenDelay;
        this.cutAfter = cutAfter;
    }

    /** Waits before the next token; throws {@link StreamCut} when the scripted cut point is reached. */
    void beforeToken() {
        if (cutAfter >= 0 && emitted >= cutAfter) {
            throw new StreamCut();
        }
        sleep(emitted == 0 ? timeToFirstToken : interTokenDelay);
        emitted++;
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamCut();
        }
    }

    /** Thrown out of the handler so the JDK server drops the connection without ending the chunked body. */
    static final class StreamCut extends RuntimeException {
        StreamCut() {
            super("stream cut by script", null, false, false);
        }
    }
}
