package dev.stoa.monitoring.domain.port;

import java.time.OffsetDateTime;

/** Expired rows of every org, deleted in bounded batches. */
public interface RetentionStore {
    /** What expires: each kind has its own age. */
    enum Kind {
        TOOL_CALLS,
        SAFETY_ALERTS,
        WEBHOOK_DELIVERIES,
        DEAD_LETTERS,
        FORGOTTEN_CONVERSATIONS,
        PROCESSED_EVENTS
    }

    /** Deletes at most {@code limit} rows of {@code kind} older than {@code before}; returns how many it deleted. */
    int purge(Kind kind, OffsetDateTime before, int limit);
}
