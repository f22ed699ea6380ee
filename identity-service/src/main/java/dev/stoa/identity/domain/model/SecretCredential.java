package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A credential whose secret is shown once and stored hashed (API keys, SDK connections). */
public interface SecretCredential {
    String id();

    String orgId();

    String name();

    /** The secret's last four characters, the only part ever shown again. */
    String last4();

    String createdBy();

    OffsetDateTime createdAt();

    @Nullable
    OffsetDateTime lastUsedAt();

    @Nullable
    OffsetDateTime revokedAt();
}
