package dev.stoa.tools.domain.model;

/** A tool's health now, and why. */
public enum HealthStatus {
    HEALTHY,
    DEGRADED,
    DOWN;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
