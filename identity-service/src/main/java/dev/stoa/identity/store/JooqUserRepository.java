package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.USERS;

import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.UserRepository;
import dev.stoa.identity.store.jooq.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Users are global (one person may belong to several orgs); their org links live in memberships. */
@Component
public final class JooqUserRepository implements UserRepository {
    private final DSLContext dsl;

    public JooqUserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return dsl.selectFrom(USERS).where(USERS.EMAIL.eq(email)).fetchOptional(JooqUserRepository::map);
    }

    @Override
    public Optional<User> findById(String id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(JooqUserRepository::map);
    }

    @Override
    public Optional<User> findByExternalId(String externalId) {
        return dsl.selectFrom(USERS).where(USERS.KEYCLOAK_ID.eq(externalId)).fetchOptional(JooqUserRepository::map);
    }

    @Override
    public boolean insert(User user) {
        return dsl.insertInto(USERS)
                        .set(USERS.ID, user.id())
                        .set(USERS.EMAIL, user.email())
                        .set(USERS.NAME, user.name())
                        .set(USERS.PASSWORD_HASH, user.passwordHash())
                        .set(USERS.KEYCLOAK_ID, user.externalId())
                        .set(USERS.EMAIL_VERIFIED_AT, user.emailVerifiedAt())
                        .set(USERS.CREATED_AT, user.createdAt())
                        .set(USERS.UPDATED_AT, user.createdAt())
                        .onConflict(USERS.EMAIL)
                        .doNothing()
                        .execute()
                == 1;
    }

    @Override
    public Optional<User> lockById(String id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional(JooqUserRepository::map);
    }

    @Override
    public void markVerified(String userId, OffsetDateTime now) {
        dsl.update(USERS)
                .set(USERS.EMAIL_VERIFIED_AT, DSL.coalesce(USERS.EMAIL_VERIFIED_AT, DSL.val(now)))
                .set(USERS.UPDATED_AT, now)
                .where(USERS.ID.eq(userId))
                .execute();
    }

    @Override
    public void setPasswordHash(String userId, String passwordHash, OffsetDateTime now) {
        dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.UPDATED_AT, now)
                .where(USERS.ID.eq(userId))
                .execute();
    }

    @Override
    public boolean replacePasswordHash(String userId, String expected, String passwordHash, OffsetDateTime now) {
        return dsl.update(USERS)
                        .set(USERS.PASSWORD_HASH, passwordHash)
                        .set(USERS.UPDATED_AT, now)
                        .where(USERS.ID.eq(userId))
                        .and(USERS.PASSWORD_HASH.eq(expected))
                        .execute()
                == 1;
    }

    @Override
    public void setCredential(
            String userId,
            @Nullable String passwordHash,
            @Nullable String externalId,
            @Nullable String name,
            OffsetDateTime now) {
        var update = dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.KEYCLOAK_ID, externalId)
                .set(USERS.UPDATED_AT, now);
        if (name != null) {
            update = update.set(USERS.NAME, name);
        }
        update.where(USERS.ID.eq(userId)).execute();
    }

    static User map(UsersRecord r) {
        return new User(
                r.getId(),
                r.getEmail(),
                r.getName(),
                r.getPasswordHash(),
                r.getCreatedAt(),
                r.getKeycloakId(),
                r.getEmailVerifiedAt());
    }
}
