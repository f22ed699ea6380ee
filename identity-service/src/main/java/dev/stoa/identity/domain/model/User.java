package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A person who can log in. {@code passwordHash} is set in builtin mode, {@code externalId} (the Keycloak user id)
 * in Keycloak mode; neither while an invitation is pending.
 */
public record User(
        String id,
        String email,
        String name,
        @Nullable String passwordHash,
        OffsetDateTime createdAt,
        @Nullable String externalId) {
    public User(String id, String email, String name, @Nullable String passwordHash, OffsetDateTime createdAt) {
        this(id, email, name, passwordHash, createdAt, null);
    }

    @Override
    public String toString() { // never print the hash
        return "User[id=" + id + ", email=" + email + "]";
    }
}
