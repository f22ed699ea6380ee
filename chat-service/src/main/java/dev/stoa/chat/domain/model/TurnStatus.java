package dev.stoa.chat.domain.model;

import java.util.Locale;

/** Where a turn is: running until it completes, fails or is cancelled. */
public enum TurnStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TurnStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
