package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A stored SDK connection (never the secret). */
public record SdkConnection(
        String id,
        String orgId,
        String name,
        String last4,
        String createdBy,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime lastUsedAt,
        @Nullable OffsetDateTime revokedAt)
        implements SecretCredential {}
