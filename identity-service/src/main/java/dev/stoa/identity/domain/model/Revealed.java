package dev.stoa.identity.domain.model;

/** A secret shown once together with the record it belongs to. */
public record Revealed<T>(T record, String secret) {
    @Override
    public String toString() { // the secret is shown once, to its owner, never in a log
        return "Revealed[record=" + record + ", secret=<redacted>]";
    }
}
