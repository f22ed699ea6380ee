package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.RevokedCredential;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** API keys of an org. */
public interface ApiKeyRepository extends SecretCredentialRepository<ApiKey> {

    Optional<ApiKey> find(String orgId, String keyId);

    /** Revokes a live key and every live key minted from it, at any depth; returns them (empty: it was not live). */
    List<RevokedCredential> revokeWithDescendants(String orgId, String keyId, OffsetDateTime now);
}
