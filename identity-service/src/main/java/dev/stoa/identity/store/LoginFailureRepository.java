package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.LOGIN_FAILURES;

import dev.stoa.identity.domain.Models.LoginFailures;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Failed-login counters per throttle key (a hash of the email), shared by every instance. */
@Repository
public class LoginFailureRepository {
    private final DSLContext dsl;

    public LoginFailureRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<LoginFailures> find(String key) {
        return dsl.selectFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.THROTTLE_KEY.eq(key))
                .fetchOptional(r -> new LoginFailures(r.getFailures(), r.getWindowStartedAt(), r.getLockedUntil()));
    }

    public void save(String key, int failures, OffsetDateTime windowStart, @Nullable OffsetDateTime lockedUntil) {
        dsl.insertInto(LOGIN_FAILURES)
                .set(LOGIN_FAILURES.THROTTLE_KEY, key)
                .set(LOGIN_FAILURES.FAILURES, failures)
                .set(LOGIN_FAILURES.WINDOW_STARTED_AT, windowStart)
                .set(LOGIN_FAILURES.LOCKED_UNTIL, lockedUntil)
                .onConflict(LOGIN_FAILURES.THROTTLE_KEY)
                .doUpdate()
                .set(LOGIN_FAILURES.FAILURES, failures)
                .set(LOGIN_FAILURES.WINDOW_STARTED_AT, windowStart)
                .set(LOGIN_FAILURES.LOCKED_UNTIL, lockedUntil)
                .execute();
    }

    public void clear(String key) {
        dsl.deleteFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.THROTTLE_KEY.eq(key))
                .execute();
    }
}
