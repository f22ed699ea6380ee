package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A refresh token as stored (its hash is the lookup key). */
public record RefreshToken(
        String id,
        String sessionId,
        OffsetDateTime expiresAt,
        @Nullable OffsetDateTime usedAt) {}
