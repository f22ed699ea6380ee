package dev.stoa.web.idempotency;

import dev.stoa.common.crypto.SecretSealer;
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
import org.jspecify.annotations.Nullable;

/**
 * {@link IdempotencyStore} over {@code stoa_idempotency_keys} (changelog {@code db/changelog/stoa/idempotency.sql}).
 * Reservation is an {@code INSERT ... ON CONFLICT DO NOTHING}, so the primary key arbitrates concurrent requests. Kept
 * responses are sealed by the secret box with the key's scope as associated data.
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
    static final Field<String> BODY_SEALED = DSL.field(DSL.name("body_sealed"), SQLDataType.VARCHAR);
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
    private final @Nullable SecretSealer sealer;

    /**
     * @param sealer seals kept responses (a created API key or token is in one); without it no response is kept, so a
     *     retry runs again rather than a secret lying in plaintext for {@code ttl}
     */
    public JooqIdempotencyStore(
            DSLContext dsl, Duration ttl, Duration inFlightTimeout, Clock clock, @Nullable SecretSealer sealer) {
        this.dsl = dsl;
        this.ttl = ttl;
        this.inFlightTimeout = inFlightTimeout;
        this.clock = clock;
        this.sealer = sealer;
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
            Record6<String, String, Integer, String, String, String> row = dsl.select(
                            REQUEST_HASH, STATE, STATUS, CONTENT_TYPE, LOCATION, BODY_SEALED)
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
            byte[] body;
            try {
                body = row.value6() == null || sealer == null ? new byte[0] : sealer.open(row.value6(), aad(scope));
            } catch (RuntimeException e) {
                // unreadable (its key left the ring): forget it, as if it had expired
                dsl.deleteFrom(TABLE).where(key(scope)).execute();
                continue;
            }
            return new Reservation.Replay(new StoredResponse(row.value3(), row.value4(), row.value5(), body));
        }
        return new Reservation.InFlight();
    }

    @Override
    public void complete(IdempotencyScope scope, StoredResponse response) {
        if (sealer == null) {
            release(scope);
            return;
        }
        dsl.update(TABLE)
                .set(STATE, COMPLETED)
                .set(STATUS, response.status())
                .set(CONTENT_TYPE, response.contentType())
                .set(LOCATION, response.location())
                .setNull(BODY)
                .set(BODY_SEALED, sealer.seal(response.body(), aad(scope)))
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

    /** Binds a sealed response to its key: moved to another row, it does not open. */
    private static String aad(IdempotencyScope scope) {
        return "idempotency|" + scope.orgId() + "|" + scope.subject() + "|" + scope.key();
    }

    private static Condition key(IdempotencyScope scope) {
        return ORG_ID.eq(scope.orgId()).and(SUBJECT.eq(scope.subject())).and(KEY.eq(scope.key()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
