package dev.stoa.identity.domain;

import dev.stoa.common.error.RateLimitedException;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.LoginFailureRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Locks an email out of login after repeated failures. It counts by email whether or not an account exists, so
 * the lockout itself reveals nothing about which emails are registered.
 */
@Component
public final class LoginThrottle {
    private final LoginFailureRepository repository;
    private final IdentitySettings.Login settings;
    private final Clock clock;

    public LoginThrottle(LoginFailureRepository repository, IdentitySettings properties, Clock clock) {
        this.repository = repository;
        this.settings = properties.login();
        this.clock = clock;
    }

    /** Throws 429 while the email is locked. */
    public void check(String email) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.find(key(email)).ifPresent(record -> {
            if (record.lockedUntil() != null && record.lockedUntil().isAfter(now)) {
                throw new RateLimitedException("too_many_login_attempts", "too many failed logins; try again later");
            }
        });
    }

    public void recordFailure(String email) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String key = key(email);
        var existing = repository.find(key);
        int failures = 1;
        OffsetDateTime windowStart = now;
        if (existing.isPresent() && existing.get().windowStartedAt().isAfter(now.minus(settings.window()))) {
            failures = existing.get().failures() + 1;
            windowStart = existing.get().windowStartedAt();
        }
        OffsetDateTime lockedUntil = failures >= settings.maxFailures() ? now.plus(settings.lockout()) : null;
        repository.save(key, failures, windowStart, lockedUntil);
    }

    public void reset(String email) {
        repository.clear(key(email));
    }

    private static String key(String email) {
        return "email:" + Secrets.sha256Hex(email.toLowerCase(Locale.ROOT)).substring(0, 64);
    }
}
