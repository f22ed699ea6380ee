package dev.stoa.identity.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.model.SecretCredential;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Credentials of one kind, stored with the SHA-256 of their secret (never the secret) and its last four characters. */
public interface SecretCredentialRepository<T extends SecretCredential> {

    void insert(T credential, String secretHash);

    /** The org of the credential a presented secret names: a pre-authentication lookup, before any org is set. */
    Optional<String> orgOfSecret(String secretHash);

    Optional<T> findByHash(String orgId, String secretHash);

    /** Credentials not revoked, newest first. */
    Page<T> list(String orgId, PageRequest page);

    /** Returns the revoked credential's secret hash, or empty when it was not live. */
    Optional<String> revoke(String orgId, String id, OffsetDateTime now);

    /** Revokes the live credentials a user created (it left the org, or lost the account) and returns them. */
    List<RevokedCredential> revokeAllOf(String orgId, String userId, OffsetDateTime now);

    /** Records that the credential was used (a store may record it at most so often). */
    void touch(String orgId, String id, OffsetDateTime now);
}
