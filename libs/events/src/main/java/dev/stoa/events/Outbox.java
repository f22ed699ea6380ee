package dev.stoa.events;

import com.google.protobuf.Message;
import dev.stoa.common.id.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/** Writes events to {@code stoa_outbox} in the caller's transaction; {@link OutboxRelay} publishes them. */
public class Outbox {
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

    private final String source;
    private final Clock clock;

    /** @param applicationName {@code spring.application.name}; the CloudEvents source is {@code /stoa/<name>} */
    public Outbox(String applicationName, Clock clock) {
        this.source = "/stoa/" + applicationName;
        this.clock = clock;
    }

    /**
     * Appends an event inside {@code tx}'s transaction: it is published only if that transaction commits.
     *
     * @param key the Kafka key (the org id, for per-tenant ordering)
     * @param type the CloudEvents type, e.g. {@code dev.stoa.audit.user.registered}
     * @param subject the CloudEvents subject (the resource the event is about), if any
     * @return the event id ({@code evt_…}), also the CloudEvents id
     */
    public String append(
            DSLContext tx, String topic, String key, String type, @Nullable String subject, Message payload) {
        String eventId = Ids.generate("evt");
        tx.insertInto(TABLE)
                .set(EVENT_ID, eventId)
                .set(TOPIC, topic)
                .set(KEY, key)
                .set(TYPE, type)
                .set(SOURCE, source)
                .set(SUBJECT, subject)
                .set(TIME, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .set(DATA_CONTENT_TYPE, CONTENT_TYPE)
                .set(DATA, payload.toByteArray())
                .execute();
        return eventId;
    }

    public String source() {
        return source;
    }
}
