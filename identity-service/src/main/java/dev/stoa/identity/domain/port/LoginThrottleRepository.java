package dev.stoa.identity.domain.port;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Login attempts per throttle key (email and client address), shared by every instance. An attempt is counted
 * before its password is checked, in one atomic statement, so parallel attempts cannot overtake the count.
 */
public interface LoginThrottleRepository {

    /**
     * Counts an attempt if it is allowed now and returns true; false (nothing counted) while the key must wait. An
     * attempt is allowed when the last failure is older than {@code window}, fewer than {@code free} attempts were
     * counted, or the back-off of the count so far ({@code base} doubled per attempt past {@code free}, at most
     * {@code max}) has passed since the last one.
     */
    boolean tryAttempt(String key, OffsetDateTime now, Policy policy);

    /** When the key may try again (for Retry-After); empty when it may now. */
    Optional<OffsetDateTime> nextAttemptAt(String key, OffsetDateTime now, Policy policy);

    /** Forgets the key's attempts (a successful login). */
    void clear(String key);

    /** Forgets every key whose last failure is older than {@code cutoff}; returns how many. */
    int purgeOlderThan(OffsetDateTime cutoff);

    /** The throttle's numbers. */
    record Policy(int free, Duration base, Duration max, Duration window) {}
}
