package dev.stoa.identity.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.ApiKey;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** API keys of an org: stored with the SHA-256 of their secret, never the secret. */
public interface ApiKeyRepository {
    void insert(ApiKey key, String secretHash);

    Optional<ApiKey> find(String orgId, String keyId);

    Optional<ApiKey> findByHash(String orgId, String secretHash);

    /** Keys not revoked, newest first. */
    Page<ApiKey> list(String orgId, PageRequest page);

    /** Returns the revoked key's secret hash, or empty when it was not live. */
    Optional<String> revoke(String orgId, String keyId, OffsetDateTime now);

    /** Records use at most once a minute per key, so a busy key does not write on every exchange. */
    void touch(String orgId, String keyId, OffsetDateTime now);

    /** Hashes of the live keys a user created (revoked when the user leaves the org). */
    List<String> revokeAllOf(String orgId, String userId, OffsetDateTime now);
}
