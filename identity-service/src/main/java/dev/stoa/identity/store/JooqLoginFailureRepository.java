package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.LOGIN_FAILURES;

import dev.stoa.identity.domain.model.LoginFailures;
import dev.stoa.identity.domain.port.LoginFailureRepository;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Failed-login counters per throttle key (a hash of the email), shared by every instance. */
@Component
public final class JooqLoginFailureRepository implements LoginFailureRepository {
    private final DSLContext dsl;

    public JooqLoginFailureRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<LoginFailures> find(String key) {
        return dsl.selectFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.THROTTLE_KEY.eq(key))
                .fetchOptional(r -> new LoginFailures(r.getFailures(), r.getWindowStartedAt(), r.getLockedUntil()));
    }

    @Override
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

    @Override
    public void clear(String key) {
        dsl.deleteFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.THROTTLE_KEY.eq(key))
                .execute();
    }
}
