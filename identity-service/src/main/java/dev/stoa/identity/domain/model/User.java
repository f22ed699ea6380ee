package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A person who can log in. {@code passwordHash} is set in builtin mode, {@code externalId} (the Keycloak user id)
 * in Keycloak mode; neither while an invitation to a new account is pending. {@code emailVerifiedAt} is set once a
 * token mailed to the address came back.
 */
public record User(
        String id,
        String email,
        String name,
        @Nullable String passwordHash,
        OffsetDateTime createdAt,
        @Nullable String externalId,
        @Nullable OffsetDateTime emailVerifiedAt) {
    public User(String id, String email, String name, @Nullable String passwordHash, OffsetDateTime createdAt) {
        this(id, email, name, passwordHash, createdAt, null, null);
    }

    /** Whether the owner of the address proved it. */
    public boolean verified() {
        return emailVerifiedAt != null;
    }

    /** Whether the account has a way to log in (a password here or an account at the identity provider). */
    public boolean hasCredential() {
        return passwordHash != null || externalId != null;
    }

    @Override
    public String toString() { // never print the hash
        return "User[id=" + id + ", email=" + email + "]";
    }
}
