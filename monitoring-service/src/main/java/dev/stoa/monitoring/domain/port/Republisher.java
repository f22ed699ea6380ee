package dev.stoa.monitoring.domain.port;

import dev.stoa.monitoring.domain.model.DeadLetter;

/** The way back to the topic a dead letter came from. */
public interface Republisher {
    /** Publishes the kept record again, unchanged, to its topic (keyed by its org); returns once the broker has it. */
    void republish(DeadLetter letter);
}
