package dev.stoa.events;

import static dev.stoa.events.Outbox.DATA;
import static dev.stoa.events.Outbox.DATA_CONTENT_TYPE;
import static dev.stoa.events.Outbox.EVENT_ID;
import static dev.stoa.events.Outbox.ID;
import static dev.stoa.events.Outbox.KEY;
import static dev.stoa.events.Outbox.PUBLISHED_AT;
import static dev.stoa.events.Outbox.SOURCE;
import static dev.stoa.events.Outbox.SUBJECT;
import static dev.stoa.events.Outbox.TABLE;
import static dev.stoa.events.Outbox.TIME;
import static dev.stoa.events.Outbox.TOPIC;
import static dev.stoa.events.Outbox.TYPE;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code stoa_outbox} rows to Kafka as binary-mode CloudEvents, in id order, marking each published
 * only after the broker acknowledged it (at-least-once). Runs on one virtual thread per instance; a
 * transaction-scoped advisory lock lets only one instance per database work at a time. Id order is commit order per
 * key ({@link Outbox} sees to it), so each key's events reach Kafka in the order their transactions committed.
 */
public final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    // Arbitrary but fixed: every relay of one database contends for the same lock.
    private static final long LOCK_KEY = 0x5354_4f41_4f42_5831L;

    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final Supplier<Producer<String, byte[]>> producers;
    private volatile @Nullable Producer<String, byte[]> producer;
    private final EventsProperties.Relay config;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile boolean running;
    private volatile @Nullable Thread worker;
    private Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(
            DSLContext dsl,
            PlatformTransactionManager transactionManager,
            Supplier<Producer<String, byte[]>> producers,
            EventsProperties.Relay config) {
        this.dsl = dsl;
        this.transactions = new TransactionTemplate(transactionManager);
        this.producers = producers;
        this.config = config;
    }

    /** Events this instance has published since it started. */
    public long publishedCount() {
        return published.get();
    }

    /** Attempts to publish that failed (Kafka or the database unreachable) since it started. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    @Override
    public void start() {
        // A new producer per start: a stopped relay closed its own, and Spring restarts lifecycle beans (a paused
        // test context, Lifecycle#stop/start from an operator) without creating them again.
        open();
        running = true;
        worker = Thread.ofVirtual().name("stoa-outbox-relay").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Producer<String, byte[]> current;
        synchronized (this) {
            current = producer;
            producer = null;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    private synchronized Producer<String, byte[]> open() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            current = producers.get();
            producer = current;
        }
        return current;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        boolean failing = false;
        while (running) {
            try {
                int sent = relayBatch();
                if (failing) {
                    log.info("outbox relay resumed");
                    failing = false;
                }
                backoff = config.pollInterval();
                cleanupIfDue();
                if (sent < config.batchSize()) {
                    pause(config.pollInterval());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failedAttempts.incrementAndGet();
                if (!failing) {
                    // Once per outage: the rows stay in the outbox and go out when Kafka or the database is back.
                    log.warn("outbox relay cannot publish, retrying with backoff: {}", describe(e));
                    failing = true;
                } else {
                    log.debug("outbox relay still failing", e);
                }
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    /** One transaction: lock, read a batch, send it, wait for acks, mark what was acknowledged. */
    int relayBatch() {
        List<Long> acked = new ArrayList<>();
        RuntimeException[] failure = {null};
        Integer count = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?)", LOCK_KEY))) {
                return 0;
            }
            var rows = dsl.select(ID, EVENT_ID, TOPIC, KEY, TYPE, SOURCE, SUBJECT, TIME, DATA_CONTENT_TYPE, DATA)
                    .from(TABLE)
                    .where(PUBLISHED_AT.isNull())
                    .orderBy(ID)
                    .limit(config.batchSize())
                    .forUpdate()
                    .skipLocked()
                    .fetch();
            Producer<String, byte[]> current = open();
            List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
            try {
                for (Record row : rows) {
                    sends.add(current.send(toRecord(row)));
                }
                for (int i = 0; i < sends.size(); i++) {
                    sends.get(i).get(30, TimeUnit.SECONDS);
                    acked.add(rows.get(i).get(ID));
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // Keep the acknowledged prefix; the rest is retried in order.
                failure[0] = new IllegalStateException("Kafka did not acknowledge an outbox event", e);
            }
            if (!acked.isEmpty()) {
                dsl.update(TABLE)
                        .set(PUBLISHED_AT, DSL.currentOffsetDateTime())
                        .where(ID.in(acked))
                        .execute();
            }
            return acked.size();
        });
        published.addAndGet(acked.size());
        if (failure[0] != null) {
            throw failure[0];
        }
        return count == null ? 0 : count;
    }

    private static ProducerRecord<String, byte[]> toRecord(Record row) {
        OffsetDateTime time = row.get(TIME);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(row.get(EVENT_ID))
                .withType(row.get(TYPE))
                .withSource(URI.create(row.get(SOURCE)))
                .withSubject(row.get(SUBJECT))
                .withTime(time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType(row.get(DATA_CONTENT_TYPE))
                .withData(row.get(DATA))
                .build();
        return KafkaMessageFactory.<String>createWriter(row.get(TOPIC), row.get(KEY))
                .writeBinary(event);
    }

    private void cleanupIfDue() {
        Instant now = Instant.now();
        if (Duration.between(lastCleanup, now).compareTo(config.cleanupInterval()) < 0) {
            return;
        }
        lastCleanup = now;
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        Integer deleted = transactions.execute(
                status -> dsl.deleteFrom(TABLE).where(PUBLISHED_AT.lt(cutoff)).execute());
        if (deleted != null && deleted > 0) {
            log.debug("deleted {} published outbox rows", deleted);
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            // Only stop() interrupts, to end the pause early; the loop then sees running == false.
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause();
        return cause == null ? e.toString() : e.getMessage() + ": " + cause;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
