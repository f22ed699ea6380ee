package dev.stoa.agent.domain.model;

/** Whether an agent takes new conversations. Not versioned: pausing changes no configuration. */
public enum Status {
    ACTIVE("active"),
    PAUSED("paused");

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Status fromWire(String value) {
        for (Status status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown agent status");
    }
}
