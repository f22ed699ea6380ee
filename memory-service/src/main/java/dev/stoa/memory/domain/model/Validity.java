package dev.stoa.memory.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** Which facts a list or graph shows: currently valid ones, superseded ones (the history) or all. */
public enum Validity {
    CURRENT("current"),
    SUPERSEDED("superseded"),
    ALL("all");

    private final String wire;

    Validity(String wire) {
        this.wire = wire;
    }

    public static Optional<Validity> of(String wire) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(wire)).findFirst();
    }
}
