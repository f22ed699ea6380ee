package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.REFRESH_TOKENS;
import static dev.stoa.identity.store.jooq.Tables.SESSIONS;

import dev.stoa.identity.domain.model.RefreshToken;
import dev.stoa.identity.domain.model.Session;
import dev.stoa.identity.domain.port.SessionRepository;
import dev.stoa.identity.store.jooq.tables.records.SessionsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Login sessions and their rotating refresh tokens. */
@Component
public final class JooqSessionRepository implements SessionRepository {
    private final TenantTransactions tx;

    public JooqSessionRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Session session) {
        tx.inOrgRun(session.orgId(), dsl -> dsl.insertInto(SESSIONS)
                .set(SESSIONS.ID, session.id())
                .set(SESSIONS.ORG_ID, session.orgId())
                .set(SESSIONS.USER_ID, session.userId())
                .set(SESSIONS.CREATED_AT, session.createdAt())
                .set(SESSIONS.EXPIRES_AT, session.expiresAt())
                .execute());
    }

    @Override
    public Optional<Session> find(String orgId, String sessionId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(SESSIONS)
                .where(SESSIONS.ID.eq(sessionId))
                .fetchOptional(JooqSessionRepository::map));
    }

    @Override
    public boolean revoke(String orgId, String sessionId, String reason, OffsetDateTime now) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(SESSIONS)
                                .set(SESSIONS.REVOKED_AT, now)
                                .set(SESSIONS.REVOKED_REASON, reason)
                                .where(SESSIONS.ID.eq(sessionId))
                                .and(SESSIONS.REVOKED_AT.isNull())
                                .execute()
                        == 1);
    }

    @Override
    public List<String> liveSessionsOf(String orgId, String userId) {
        return tx.inOrg(orgId, dsl -> dsl.select(SESSIONS.ID)
                .from(SESSIONS)
                .where(SESSIONS.USER_ID.eq(userId))
                .and(SESSIONS.REVOKED_AT.isNull())
                .fetch(SESSIONS.ID));
    }

    @Override
    public void insertRefreshToken(
            String id, String orgId, String sessionId, String tokenHash, OffsetDateTime now, OffsetDateTime expiresAt) {
        tx.inOrgRun(orgId, dsl -> dsl.insertInto(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.ID, id)
                .set(REFRESH_TOKENS.ORG_ID, orgId)
                .set(REFRESH_TOKENS.SESSION_ID, sessionId)
                .set(REFRESH_TOKENS.TOKEN_HASH, tokenHash)
                .set(REFRESH_TOKENS.CREATED_AT, now)
                .set(REFRESH_TOKENS.EXPIRES_AT, expiresAt)
                .execute());
    }

    @Override
    public Optional<RefreshToken> lockRefreshToken(String orgId, String tokenHash) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(REFRESH_TOKENS)
                .where(REFRESH_TOKENS.TOKEN_HASH.eq(tokenHash))
                .forUpdate()
                .fetchOptional(r -> new RefreshToken(r.getId(), r.getSessionId(), r.getExpiresAt(), r.getUsedAt())));
    }

    @Override
    public void markRefreshTokenUsed(String orgId, String id, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.USED_AT, now)
                .where(REFRESH_TOKENS.ID.eq(id))
                .execute());
    }

    static Session map(SessionsRecord r) {
        return new Session(
                r.getId(), r.getOrgId(), r.getUserId(), r.getCreatedAt(), r.getExpiresAt(), r.getRevokedAt());
    }
}
