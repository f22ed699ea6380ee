package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.ACCOUNT_TOKENS;

import dev.stoa.identity.domain.model.AccountToken;
import dev.stoa.identity.domain.port.AccountTokenRepository;
import dev.stoa.identity.store.jooq.tables.records.AccountTokensRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Mailed one-time tokens (global, like users): the SHA-256 of each, never the token. */
@Component
public final class JooqAccountTokenRepository implements AccountTokenRepository {
    private final DSLContext dsl;

    public JooqAccountTokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(AccountToken token, String tokenHash) {
        dsl.insertInto(ACCOUNT_TOKENS)
                .set(ACCOUNT_TOKENS.ID, token.id())
                .set(ACCOUNT_TOKENS.USER_ID, token.userId())
                .set(ACCOUNT_TOKENS.PURPOSE, token.purpose().wire())
                .set(ACCOUNT_TOKENS.TOKEN_HASH, tokenHash)
                .set(ACCOUNT_TOKENS.EMAIL, token.email())
                .set(ACCOUNT_TOKENS.CREATED_AT, token.createdAt())
                .set(ACCOUNT_TOKENS.EXPIRES_AT, token.expiresAt())
                .execute();
    }

    @Override
    public Optional<AccountToken> lockByHash(String tokenHash) {
        return dsl.selectFrom(ACCOUNT_TOKENS)
                .where(ACCOUNT_TOKENS.TOKEN_HASH.eq(tokenHash))
                .forUpdate()
                .fetchOptional(JooqAccountTokenRepository::map);
    }

    @Override
    public void useAll(String userId, AccountToken.Purpose purpose, OffsetDateTime now) {
        dsl.update(ACCOUNT_TOKENS)
                .set(ACCOUNT_TOKENS.USED_AT, now)
                .where(ACCOUNT_TOKENS.USER_ID.eq(userId))
                .and(ACCOUNT_TOKENS.PURPOSE.eq(purpose.wire()))
                .and(ACCOUNT_TOKENS.USED_AT.isNull())
                .execute();
    }

    @Override
    public int countSince(String userId, AccountToken.Purpose purpose, OffsetDateTime since) {
        return dsl.fetchCount(
                ACCOUNT_TOKENS,
                ACCOUNT_TOKENS
                        .USER_ID
                        .eq(userId)
                        .and(ACCOUNT_TOKENS.PURPOSE.eq(purpose.wire()))
                        .and(ACCOUNT_TOKENS.CREATED_AT.gt(since)));
    }

    @Override
    public Optional<OffsetDateTime> lastSent(String userId, AccountToken.Purpose purpose) {
        return Optional.ofNullable(dsl.select(org.jooq.impl.DSL.max(ACCOUNT_TOKENS.CREATED_AT))
                .from(ACCOUNT_TOKENS)
                .where(ACCOUNT_TOKENS.USER_ID.eq(userId))
                .and(ACCOUNT_TOKENS.PURPOSE.eq(purpose.wire()))
                .fetchOne(0, OffsetDateTime.class));
    }

    private static AccountToken map(AccountTokensRecord r) {
        return new AccountToken(
                r.getId(),
                r.getUserId(),
                AccountToken.Purpose.fromWire(r.getPurpose()),
                r.getEmail(),
                r.getCreatedAt(),
                r.getExpiresAt(),
                r.getUsedAt());
    }
}
