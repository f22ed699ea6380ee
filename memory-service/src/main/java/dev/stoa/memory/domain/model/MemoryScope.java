package dev.stoa.memory.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** Whose memory a fact belongs to: one end user of one agent, the agent as a whole, or a user across a cluster. */
public enum MemoryScope {
    USER("user"),
    AGENT("agent"),
    CLUSTER("cluster");

    private final String wire;

    MemoryScope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<MemoryScope> of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
