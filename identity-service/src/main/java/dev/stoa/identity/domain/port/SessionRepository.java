package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.RefreshToken;
import dev.stoa.identity.domain.model.Session;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Login sessions and their rotating refresh tokens. */
public interface SessionRepository {
    void insert(Session session);

    Optional<Session> find(String orgId, String sessionId);

    /** Marks a live session revoked; returns false when it already was. */
    boolean revoke(String orgId, String sessionId, String reason, OffsetDateTime now);

    /** Live sessions of a user in an org (revoked when the member is removed). */
    List<String> liveSessionsOf(String orgId, String userId);

    void insertRefreshToken(
            String id, String orgId, String sessionId, String tokenHash, OffsetDateTime now, OffsetDateTime expiresAt);

    /** The refresh token row, locked so two concurrent refreshes with one token cannot both win. */
    Optional<RefreshToken> lockRefreshToken(String orgId, String tokenHash);

    void markRefreshTokenUsed(String orgId, String id, OffsetDateTime now);
}
