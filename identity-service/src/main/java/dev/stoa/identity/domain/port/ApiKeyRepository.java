package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.RevokedCredential;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** API keys of an org. */
public interface ApiKeyRepository extends SecretCredentialRepository<ApiKey> {

    Optional<ApiKey> find(String orgId, String keyId);

    /** Revokes the live keys a user created (when the user leaves the org) and returns them. */
    List<RevokedCredential> revokeAllOf(String orgId, String userId, OffsetDateTime now);
}
