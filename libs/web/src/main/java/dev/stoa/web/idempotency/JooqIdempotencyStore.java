package dev.stoa.web.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link IdempotencyStore} over {@code stoa_idempotency_keys} (changelog {@code db/changelog/stoa/idempotency.sql}).
 * Reservation is an {@code INSERT ... ON CONFLICT DO NOTHING}, so the primary key arbitrates concurrent requests.
 */
public final class JooqIdempotencyStore implements IdempotencyStore {
    static final Table<?> TABLE = DSL.table(DSL.name("stoa_idempotency_keys"));
    static final Field<String> ORG_ID = DSL.field(DSL.name("org_id"), SQLDataType.VARCHAR);
    static final Field<String> SUBJECT = DSL.field(DSL.name("subject"), SQLDataType.VARCHAR);
    static final Field<String> KEY = DSL.field(DSL.name("idempotency_key"), SQLDataType.VARCHAR);
    static final Field<String> REQUEST_HASH = DSL.field(DSL.name("request_hash"), SQLDataType.VARCHAR);
    static final Field<String> STATE = DSL.field(DSL.name("state"), SQLDataType.VARCHAR);
    static final Field<Integer> STATUS = DSL.field(DSL.name("status"), SQLDataType.INTEGER);
    static final Field<String> CONTENT_TYPE = DSL.field(DSL.name("content_type"), SQLDataType.VARCHAR);
    static final Field<String> LOCATION = DSL.field(DSL.name("location"), SQLDataType.VARCHAR);
    static final Field<byte[]> BODY = DSL.field(DSL.name("body"), SQLDataType.BLOB);
    static final Field<OffsetDateTime> CREATED_AT =
            DSL.field(DSL.name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<OffsetDateTime> EXPIRES_AT =
            DSL.field(DSL.name("expires_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    private static final String IN_FLIGHT = "in_flight";
    private static final String COMPLETED = "completed";

    private final DSLContext dsl;
    private final Duration ttl;
    private final Duration inFlightTimeout;
    private final Clock clock;

    public JooqIdempotencyStore(DSLContext dsl, Duration ttl, Duration inFlightTimeout, Clock clock) {
        this.dsl = dsl;
        this.ttl = ttl;
        this.inFlightTimeout = inFlightTimeout;
        this.clock = clock;
    }

    @Override
    public Reservation reserve(IdempotencyScope scope, String requestHash) {
        // A row can vanish between the failed insert and the read (its request failed and released it): retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            OffsetDateTime now = now();
            dsl.deleteFrom(TABLE).where(key(scope)).and(EXPIRES_AT.le(now)).execute();
            int inserted = dsl.insertInto(TABLE)
                    .set(ORG_ID, scope.orgId())
                    .set(SUBJECT, scope.subject())
                    .set(KEY, scope.key())
                    .set(REQUEST_HASH, requestHash)
                    .set(STATE, IN_FLIGHT)
                    .set(CREATED_AT, now)
                    .set(EXPIRES_AT, now.plus(inFlightTimeout))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 1) {
                return new Reservation.Reserved();
            }
            Record6<String, String, Integer, String, String, byte[]> row = dsl.select(
                            REQUEST_HASH, STATE, STATUS, CONTENT_TYPE, LOCATION, BODY)
                    .from(TABLE)
                    .where(key(scope))
                    .fetchOne();
            if (row == null) {
                continue;
            }
            if (!requestHash.equals(row.value1())) {
                return new Reservation.Mismatch();
            }
            if (!COMPLETED.equals(row.value2()) || row.value3() == null) {
                return new Reservation.InFlight();
            }
            byte[] body = row.value6() == null ? new byte[0] : row.value6();
            return new Reservation.Replay(new StoredResponse(row.value3(), row.value4(), row.value5(), body));
        }
        return new Reservation.InFlight();
    }

    @Override
    public void complete(IdempotencyScope scope, StoredResponse response) {
        dsl.update(TABLE)
                .set(STATE, COMPLETED)
                .set(STATUS, response.status())
                .set(CONTENT_TYPE, response.contentType())
                .set(LOCATION, response.location())
                .set(BODY, response.body())
                .set(EXPIRES_AT, now().plus(ttl))
                .where(key(scope))
                .and(STATE.eq(IN_FLIGHT))
                .execute();
    }

    @Override
    public void release(IdempotencyScope scope) {
        dsl.deleteFrom(TABLE).where(key(scope)).and(STATE.eq(IN_FLIGHT)).execute();
    }

    @Override
    public int purgeExpired() {
        return dsl.deleteFrom(TABLE).where(EXPIRES_AT.le(now())).execute();
    }

    private static Condition key(IdempotencyScope scope) {
        return ORG_ID.eq(scope.orgId()).and(SUBJECT.eq(scope.subject())).and(KEY.eq(scope.key()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
