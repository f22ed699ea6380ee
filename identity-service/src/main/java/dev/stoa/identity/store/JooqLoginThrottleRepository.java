package dev.stoa.identity.store;

import dev.stoa.identity.domain.port.LoginThrottleRepository;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Login attempts per throttle key, counted by one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} each: PostgreSQL
 * locks the key's row for the statement and re-checks the condition on the newest version, so of any number of
 * parallel attempts exactly as many are counted as the back-off allows, and the others change nothing.
 */
@Component
public final class JooqLoginThrottleRepository implements LoginThrottleRepository {
    /** The wait after {@code failures} counted attempts: base doubled per attempt past the free ones, capped. */
    private static final String DELAY =
            "least(? * power(2, greatest(t.failures - ?, 0)), ?) * interval '1 millisecond'";

    /** A bound instant (plain SQL binds an OffsetDateTime as text). */
    private static final String AT = "cast(? as timestamp with time zone)";

    private final DSLContext dsl;

    public JooqLoginThrottleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean tryAttempt(String key, OffsetDateTime now, Policy policy) {
        OffsetDateTime windowStart = now.minus(policy.window());
        String sql = "insert into login_throttle as t (throttle_key, failures, last_failure_at) values (?, 1, " + AT
                + ")"
                + " on conflict (throttle_key) do update set"
                + " failures = case when t.last_failure_at <= " + AT + " then 1 else t.failures + 1 end,"
                + " last_failure_at = excluded.last_failure_at"
                + " where t.last_failure_at <= " + AT + " or t.failures < ? or t.last_failure_at <= " + AT + " - "
                + DELAY
                + " returning failures";
        return dsl.resultQuery(
                        sql,
                        key,
                        now,
                        windowStart,
                        windowStart,
                        policy.free(),
                        now,
                        policy.base().toMillis(),
                        policy.free(),
                        policy.max().toMillis())
                .fetchOptional()
                .isPresent();
    }

    @Override
    public Optional<OffsetDateTime> nextAttemptAt(String key, OffsetDateTime now, Policy policy) {
        return dsl.resultQuery(
                        "select t.last_failure_at + " + DELAY + " from login_throttle t where t.throttle_key = ?",
                        policy.base().toMillis(),
                        policy.free(),
                        policy.max().toMillis(),
                        key)
                .fetchOptional(0, OffsetDateTime.class)
                .filter(at -> at.isAfter(now));
    }

    @Override
    public int purgeOlderThan(OffsetDateTime cutoff) {
        return dsl.execute("delete from login_throttle where last_failure_at < " + AT, cutoff);
    }

    @Override
    public void clear(String key) {
        dsl.execute("delete from login_throttle where throttle_key = ?", key);
    }
}
