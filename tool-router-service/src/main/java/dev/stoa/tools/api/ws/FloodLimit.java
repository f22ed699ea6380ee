package dev.stoa.tools.api.ws;

/**
 * A token bucket per socket: {@code perSecond} frames a second with bursts of {@code burst}. A sender past the
 * bucket is refused frame by frame; one that keeps sending at several times the rate is closed.
 */
final class FloodLimit {
    enum Verdict {
        ALLOW,
        REFUSE,
        CLOSE
    }

    private static final int CLOSE_AFTER_REFUSALS = 1_000;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();
    private int refusals;

    FloodLimit(double perSecond, double burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    synchronized Verdict take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            refusals = Math.max(0, refusals - 1);
            return Verdict.ALLOW;
        }
        return ++refusals >= CLOSE_AFTER_REFUSALS ? Verdict.CLOSE : Verdict.REFUSE;
    }

    /** Gives back the frame just taken: it answered a call this router sent, so its rate is the router's own. */
    synchronized void refund() {
        tokens = Math.min(burst, tokens + 1);
    }
}
