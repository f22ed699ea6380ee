package dev.stoa.eval.domain.model;

import java.util.Locale;

/** Where a run is; queued and running runs are taken up by the run worker (also after a restart). */
public enum RunStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
