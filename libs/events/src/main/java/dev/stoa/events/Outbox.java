package dev.stoa.events;

import com.google.protobuf.Message;
import dev.stoa.common.id.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events to {@code stoa_outbox} in the caller's transaction; {@link OutboxRelay} publishes them in id order.
 *
 * <p>Per-key order follows commit order: inside a Spring transaction the rows are written just before it commits,
 * under a transaction-scoped lock per Kafka key, so a later commit for a key always gets a higher id than an earlier
 * one (were ids taken at append time, a transaction that appended first but committed last would be published
 * first). Writing at the end also keeps the lock off the transaction's other work, so it cannot deadlock with the
 * row locks the transaction takes.
 */
public final class Outbox {
    static final String CONTENT_TYPE = "application/protobuf";
    static final Table<?> TABLE = DSL.table(DSL.name("stoa_outbox"));
    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> EVENT_ID = DSL.field(DSL.name("event_id"), SQLDataType.CLOB);
    static final Field<String> TOPIC = DSL.field(DSL.name("topic"), SQLDataType.CLOB);
    static final Field<String> KEY = DSL.field(DSL.name("kafka_key"), SQLDataType.CLOB);
    static final Field<String> TYPE = DSL.field(DSL.name("ce_type"), SQLDataType.CLOB);
    static final Field<String> SOURCE = DSL.field(DSL.name("ce_source"), SQLDataType.CLOB);
    static final Field<String> SUBJECT = DSL.field(DSL.name("ce_subject"), SQLDataType.CLOB);
    static final Field<OffsetDateTime> TIME = DSL.field(DSL.name("ce_time"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<String> DATA_CONTENT_TYPE = DSL.field(DSL.name("data_content_type"), SQLDataType.CLOB);
    static final Field<byte[]> DATA = DSL.field(DSL.name("data"), SQLDataType.BLOB);
    static final Field<OffsetDateTime> PUBLISHED_AT =
            DSL.field(DSL.name("published_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    /** The advisory-lock class of outbox keys (two-int locks never collide with the relay's one-bigint lock). */
    private static final int KEY_LOCK_CLASS = 0x53544f41; // "STOA"

    private final String source;
    private final Clock clock;

    /** @param applicationName {@code spring.application.name}; the CloudEvents source is {@code /stoa/<name>} */
    public Outbox(String applicationName, Clock clock) {
        this.source = "/stoa/" + applicationName;
        this.clock = clock;
    }

    /**
     * Appends an event inside {@code tx}'s transaction: it is published only if that transaction commits, after
     * every event of its key committed before it.
     *
     * @param key the Kafka key (the org id, for per-tenant ordering)
     * @param type the CloudEvents type, e.g. {@code dev.stoa.audit.user.registered}
     * @param subject the CloudEvents subject (the resource the event is about), if any
     * @return the event id ({@code evt_…}), also the CloudEvents id
     */
    public String append(
            DSLContext tx, String topic, String key, String type, @Nullable String subject, Message payload) {
        Row row = new Row(
                Ids.generate("evt"),
                topic,
                key,
                type,
                subject,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                payload.toByteArray());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pending(tx).rows.add(row);
        } else {
            write(tx, List.of(row)); // no transaction to wait for: the statement commits on its own
        }
        return row.eventId();
    }

    public String source() {
        return source;
    }

    /** The events of the current transaction, flushed before it commits; registered on first use. */
    private Pending pending(DSLContext tx) {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending(tx);
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /** Locks the rows' keys in a fixed order (so two writers never wait on each other in a cycle), then inserts. */
    private void write(DSLContext tx, List<Row> rows) {
        for (String key : new TreeSet<>(rows.stream().map(Row::key).toList())) {
            tx.fetch("select pg_advisory_xact_lock(?, hashtext(?))", KEY_LOCK_CLASS, key);
        }
        var insert = tx.insertInto(TABLE, EVENT_ID, TOPIC, KEY, TYPE, SOURCE, SUBJECT, TIME, DATA_CONTENT_TYPE, DATA);
        for (Row row : rows) {
            insert = insert.values(
                    row.eventId(),
                    row.topic(),
                    row.key(),
                    row.type(),
                    source,
                    row.subject(),
                    row.time(),
                    CONTENT_TYPE,
                    row.data());
        }
        insert.execute();
    }

    private record Row(
            String eventId,
            String topic,
            String key,
            String type,
            @Nullable String subject,
            OffsetDateTime time,
            byte[] data) {}

    /** One transaction's events, bound to it as a resource and written from its before-commit callback. */
    private final class Pending implements TransactionSynchronization {
        private final DSLContext tx;
        private final List<Row> rows = new ArrayList<>();

        Pending(DSLContext tx) {
            this.tx = tx;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!rows.isEmpty()) {
                write(tx, rows);
            }
        }

        @Override
        public void suspend() {
            // An inner REQUIRES_NEW transaction must collect its own events, not join these.
            TransactionSynchronizationManager.unbindResource(Outbox.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(Outbox.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
        }
    }
}
