package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A login session: its access tokens carry its id as {@code sid}. */
public record Session(
        String id,
        String orgId,
        String userId,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        @Nullable OffsetDateTime revokedAt) {}
