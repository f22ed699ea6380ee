package dev.stoa.web.idempotency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Purges expired idempotency keys periodically (they are also ignored and replaced lazily, so this only bounds
 * the table's size). Every instance of a service runs it; concurrent deletes of the same rows are harmless.
 */
public final class IdempotencyCleanup implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final Duration interval;
    private @Nullable ScheduledExecutorService scheduler;

    public IdempotencyCleanup(IdempotencyStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        // One virtual thread on a timer: Spring's TaskScheduler exists only when the service enables scheduling.
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("stoa-idempotency-cleanup").factory());
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs one purge now; failures are logged, never thrown (the next run retries). */
    public void purge() {
        try {
            int purged = store.purgeExpired();
            if (purged > 0) {
                log.debug("purged {} expired idempotency keys", purged);
            }
        } catch (RuntimeException e) {
            log.warn("idempotency key cleanup failed; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
