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

    /** Sets the user's credential: a password hash (builtin mode) or the Keycloak user id (Keycloak mode). */
    void setCredential(
            String userId,
            @Nullable String passwordHash,
            @Nullable String externalId,
            @Nullable String name,
            OffsetDateTime now);
}
