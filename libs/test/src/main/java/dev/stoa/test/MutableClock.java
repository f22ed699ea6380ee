package dev.stoa.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A clock tests move: either following the system clock plus an offset ({@link #MutableClock()}, what a running
 * service gets from the test kit) or standing still at an instant ({@link #frozenAt}). It ticks in microseconds, what
 * PostgreSQL stores, so a written and a re-read instant agree. Zone copies share the same time.
 */
public final class MutableClock extends Clock {
    private final State state;
    private final ZoneId zone;

    /** Follows the system clock until moved. */
    public MutableClock() {
        this(new State(null), ZoneOffset.UTC);
    }

    private MutableClock(State state, ZoneId zone) {
        this.state = state;
        this.zone = zone;
    }

    /** Stands at {@code instant} and moves only when told to. */
    public static MutableClock frozenAt(Instant instant) {
        return new MutableClock(new State(instant), ZoneOffset.UTC);
    }

    /** Moves the clock by {@code amount} (a negative amount moves it back). */
    public void advance(Duration amount) {
        state.offset = state.offset.plus(amount);
    }

    /** Puts the clock at {@code instant}. */
    public void set(Instant instant) {
        state.offset = Duration.between(base(), instant);
    }

    /** Undoes every move: back to the system time, or to the instant a frozen clock started at. */
    public void reset() {
        state.offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return base().plus(state.offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(state, zone);
    }

    private Instant base() {
        Instant frozen = state.frozenAt;
        return frozen == null ? Instant.now() : frozen;
    }

    private static final class State {
        private final @Nullable Instant frozenAt;
        private volatile Duration offset = Duration.ZERO;

        State(@Nullable Instant frozenAt) {
            this.frozenAt = frozenAt;
        }
    }
}
