package dev.stoa.monitoring.domain;

import dev.stoa.monitoring.domain.port.RetentionStore;
import dev.stoa.monitoring.domain.port.RetentionStore.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what monitoring keeps once it is older than its retention: tool calls, safety alerts, finished webhook
 * deliveries, dead letters, and the bookkeeping of deduplication and forgotten conversations (kept while an event
 * can still be redelivered). The cost ledger, budget alerts and the audit log are kept: they are the bill and the
 * record. Safe to run on every replica at once: a row is deleted once, whoever gets it.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** Batches per kind and run: a backlog larger than this is finished by the next runs. */
    static final int MAX_BATCHES = 100;

    private final RetentionStore store;
    private final Map<Kind, Duration> ages;
    private final int batchSize;
    private final Clock clock;

    public Retention(RetentionStore store, Map<Kind, Duration> ages, int batchSize, Clock clock) {
        for (Kind kind : Kind.values()) {
            if (!ages.containsKey(kind)) {
                throw new IllegalArgumentException("no retention for " + kind);
            }
        }
        this.store = store;
        this.ages = Map.copyOf(ages);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** One pass over every kind; returns how many rows of each it deleted. */
    public Map<Kind, Integer> purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<Kind, Integer> purged = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            OffsetDateTime before = now.minus(ages.get(kind));
            int total = 0;
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int deleted = store.purge(kind, before, batchSize);
                total += deleted;
                if (deleted < batchSize) {
                    break;
                }
            }
            purged.put(kind, total);
        }
        if (purged.values().stream().anyMatch(n -> n > 0)) {
            log.info("retention deleted expired rows: {}", purged);
        }
        return purged;
    }
}
