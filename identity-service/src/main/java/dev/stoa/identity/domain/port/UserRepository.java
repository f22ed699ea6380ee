package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.User;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Users; global, since one person may belong to several orgs. */
public interface UserRepository {
    Optional<User> findByEmail(String email);

    Optional<User> findById(String id);

    Optional<User> findByExternalId(String externalId);

    /** Inserts a user unless the email is taken; returns whether it was inserted. */
    boolean insert(User user);

    /** The user, locked until the transaction ends (serializes mails and password changes of one account). */
    Optional<User> lockById(String id);

    void markVerified(String userId, OffsetDateTime now);

    /** Replaces the password hash (a reset or a change). */
    void setPasswordHash(String userId, String passwordHash, OffsetDateTime now);

    /** Replaces the hash only if it still is {@code expected} (re-hashing at login must not undo a change). */
    boolean replacePasswordHash(String userId, String expected, String passwordHash, OffsetDateTime now);

    /** Sets the user's credential: a password hash (builtin mode) or the Keycloak user id (Keycloak mode). */
    void setCredential(
            String userId,
            @Nullable String passwordHash,
            @Nullable String externalId,
            @Nullable String name,
            OffsetDateTime now);
}
