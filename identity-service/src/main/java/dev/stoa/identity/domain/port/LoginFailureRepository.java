package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.LoginFailures;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Failed-login counters per throttle key, shared by every instance. */
public interface LoginFailureRepository {
    Optional<LoginFailures> find(String key);

    void save(String key, int failures, OffsetDateTime windowStart, @Nullable OffsetDateTime lockedUntil);

    void clear(String key);
}
