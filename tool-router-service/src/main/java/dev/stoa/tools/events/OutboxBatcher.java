package dev.stoa.tools.events;

import dev.stoa.store.TenantTransactions;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox writes that change no state they must be atomic with, queued and written by one writer, many to a
 * transaction: the thread that hands them over never waits for the database, and a burst costs a few inserts instead
 * of one transaction each. A full queue (the database far behind) drops writes, counted and logged.
 */
final class OutboxBatcher implements AutoCloseable {
    static final int QUEUE = 20_000;
    static final int BATCH = 500;
    static final Duration LINGER = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(OutboxBatcher.class);

    /** One outbox write of an org, run in a transaction of that org. */
    record Write(String orgId, Consumer<DSLContext> append) {}

    private final TenantTransactions tx;
    private final String name;
    private final Counter dropped;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean running = true;

    OutboxBatcher(TenantTransactions tx, String name, Counter dropped) {
        this.tx = tx;
        this.name = name;
        this.dropped = dropped;
        this.writer = Thread.ofVirtual().name(name).start(this::write);
    }

    void offer(String orgId, Consumer<DSLContext> append) {
        if (!queue.offer(new Write(orgId, append))) {
            dropped.increment();
        }
    }

    private void write() {
        List<Write> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // gather what arrives in the next few milliseconds too: one transaction per batch, not per write
                long until = System.nanoTime() + LINGER.toNanos();
                while (batch.size() < BATCH) {
                    queue.drainTo(batch, BATCH - batch.size());
                    long left = until - System.nanoTime();
                    Write next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                Map<String, List<Write>> byOrg = batch.stream().collect(Collectors.groupingBy(Write::orgId));
                byOrg.forEach((org, writes) ->
                        tx.inOrgRun(org, dsl -> writes.forEach(w -> w.append().accept(dsl))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped.increment(batch.size());
                log.warn("{}: {} events not written: {}", name, batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued (bounded), then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(10));
    }
}
