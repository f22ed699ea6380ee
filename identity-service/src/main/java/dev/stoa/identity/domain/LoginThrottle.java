package dev.stoa.identity.domain;

import dev.stoa.common.error.RateLimitedException;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.LoginThrottleRepository;
import dev.stoa.identity.domain.port.LoginThrottleRepository.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock a victim out: attempts are counted per email <em>and</em> client
 * address (a stranger's failures never delay the owner's login from elsewhere), each attempt is counted before its
 * password is checked (parallel guesses cannot overtake the count), and past the free attempts every further one
 * waits twice as long as the one before, instead of the email being locked. Unknown emails count like known ones.
 */
@Component
public final class LoginThrottle {
    private final LoginThrottleRepository repository;
    private final Policy policy;
    private final Clock clock;

    public LoginThrottle(LoginThrottleRepository repository, IdentitySettings properties, Clock clock) {
        this.repository = repository;
        IdentitySettings.Login login = properties.login();
        this.policy = new Policy(login.freeAttempts(), login.baseDelay(), login.maxDelay(), login.window());
        this.clock = clock;
    }

    /** Counts an attempt to log in as {@code email} from {@code clientAddress}; 429 while it must wait. */
    public void attempt(String email, String clientAddress) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String key = key(email, clientAddress);
        if (!repository.tryAttempt(key, now, policy)) {
            long seconds = repository
                    .nextAttemptAt(key, now, policy)
                    .map(at -> Math.max(1, Duration.between(now, at).toSeconds() + 1))
                    .orElse(1L);
            throw new RateLimitedException(
                    "too_many_login_attempts",
                    "too many failed logins from this address; try again in " + seconds + " s");
        }
    }

    /** A successful login: the count of this email and address starts over. */
    public void succeeded(String email, String clientAddress) {
        repository.clear(key(email, clientAddress));
    }

    /** Drops counts nobody added to for a whole window (they start over anyway), so guessing cannot fill the table. */
    @Scheduled(fixedDelayString = "${stoa.identity.login.window:15m}")
    public void purge() {
        repository.purgeOlderThan(OffsetDateTime.now(clock).minus(policy.window()));
    }

    private static String key(String email, String clientAddress) {
        return "login:" + Secrets.sha256Hex(email.toLowerCase(Locale.ROOT) + "|" + clientAddress);
    }
}
