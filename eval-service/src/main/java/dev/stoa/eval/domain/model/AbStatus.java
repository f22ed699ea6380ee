package dev.stoa.eval.domain.model;

import java.util.Locale;

/** An A/B test's state: running (its canary routes traffic), completed (a variant promoted) or stopped. */
public enum AbStatus {
    RUNNING,
    COMPLETED,
    STOPPED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AbStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
