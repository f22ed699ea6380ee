package dev.stoa.identity.domain.model;

import dev.stoa.common.auth.Role;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A stored API key (never the secret); {@code parentKeyId} names the key that minted it, if a key did. */
public record ApiKey(
        String id,
        String orgId,
        String name,
        String last4,
        List<String> scopes,
        Role role,
        String createdBy,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime expiresAt,
        @Nullable OffsetDateTime lastUsedAt,
        @Nullable OffsetDateTime revokedAt,
        @Nullable String parentKeyId)
        implements SecretCredential {}
