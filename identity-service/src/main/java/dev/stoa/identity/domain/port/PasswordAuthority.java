package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.User;
import org.jspecify.annotations.Nullable;

/**
 * Where passwords live and who decides whether an account may still log in: identity's own database (builtin mode)
 * or a Keycloak realm (Keycloak mode). Sessions and platform tokens are identity's in both modes.
 */
public interface PasswordAuthority {

    /**
     * Stores a new account's password; returns what the users row keeps. Called before the local transaction that
     * creates the user; {@link #discard} undoes it when that transaction fails.
     */
    Enrolled enroll(NewAccount account);

    /** Undoes {@link #enroll} (best effort). */
    void discard(Enrolled enrolled);

    /**
     * Whether {@code password} is the password of {@code user}. {@code user} is null for an unknown email: the check
     * must then cost about as much as a real one and answer false.
     */
    boolean verify(@Nullable User user, String email, String password);

    /**
     * A new hash of {@code password} when the stored one was made with weaker parameters than today's (called after
     * a successful {@link #verify}); null when it is current or the password lives elsewhere.
     */
    default @Nullable String upgradedHash(User user, String password) {
        return null;
    }

    /**
     * The hash to store for a new password of an existing account (reset, change); throws when passwords are not
     * identity's to set (Keycloak mode).
     */
    String hashForChange(User user, String password);

    /** Whether the account may still hold a session (checked on every refresh). */
    boolean isActive(User user);

    /** Ends the account's sessions outside identity, if any (on logout; best effort). */
    void endSessions(User user);

    /** An account to enroll: {@code orgId} is the org it joins. */
    record NewAccount(String email, String name, String password, String orgId) {
        @Override
        public String toString() { // never print the password
            return "NewAccount[email=" + email + ", orgId=" + orgId + "]";
        }
    }

    /** What the users row keeps: a password hash (builtin) or the external account id (Keycloak). */
    record Enrolled(@Nullable String passwordHash, @Nullable String externalId) {
        @Override
        public String toString() {
            return "Enrolled[externalId=" + externalId + "]";
        }
    }
}
