package dev.stoa.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Consumer-side dedupe: record an event id in the same transaction as the effect, so a redelivered event is
 * recognised and skipped (and a rolled-back effect leaves the event unrecorded, to be processed again).
 */
public final class ProcessedEvents {
    private static final Table<?> TABLE = DSL.table(DSL.name("stoa_processed_events"));
    private static final Field<String> CONSUMER = DSL.field(DSL.name("consumer"), SQLDataType.CLOB);
    private static final Field<String> EVENT_ID = DSL.field(DSL.name("event_id"), SQLDataType.CLOB);
    private static final Field<OffsetDateTime> PROCESSED_AT =
            DSL.field(DSL.name("processed_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    /** True the first time {@code consumer} sees {@code eventId}; false on every redelivery. */
    public boolean markProcessed(DSLContext tx, String consumer, String eventId) {
        return tx.insertInto(TABLE)
                        .set(CONSUMER, consumer)
                        .set(EVENT_ID, eventId)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Forgets what {@code consumer} processed (a consumer name that will not be used again). */
    public int forget(DSLContext tx, String consumer) {
        return tx.deleteFrom(TABLE).where(CONSUMER.eq(consumer)).execute();
    }

    /**
     * Forgets at most {@code limit} events processed before {@code before} (keep it well before the topics' Kafka
     * retention), oldest first; returns how many.
     */
    public int purgeBefore(DSLContext tx, OffsetDateTime before, int limit) {
        return tx.deleteFrom(TABLE)
                .where(DSL.row(CONSUMER, EVENT_ID)
                        .in(DSL.select(CONSUMER, EVENT_ID)
                                .from(TABLE)
                                .where(PROCESSED_AT.lt(before))
                                .orderBy(PROCESSED_AT)
                                .limit(limit)))
                .execute();
    }

    /** Forgets events older than {@code age} (keep it well above the topics' Kafka retention). */
    public int purgeOlderThan(DSLContext tx, Duration age) {
        return tx.deleteFrom(TABLE)
                .where(PROCESSED_AT.lt(OffsetDateTime.now(ZoneOffset.UTC).minus(age)))
                .execute();
    }
}
