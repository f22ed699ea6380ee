package dev.stoa.launcher;

import java.time.Duration;

/**
 * How long the supervisor waits before restarting a service that ended: {@code initial} after its first crash, twice
 * as long after each further one up to {@code max}, and {@code initial} again once a run has lasted {@code stableAfter}
 * (a crash after a long healthy run is a new incident, not a crash loop).
 */
record Backoff(Duration initial, Duration max, Duration stableAfter) {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(2));

    /** The wait before the next restart, given the previous wait (zero before the first) and the run's uptime. */
    Duration next(Duration previous, Duration uptime) {
        if (previous.isZero() || uptime.compareTo(stableAfter) >= 0) {
            return initial;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
