package dev.stoa.identity.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.SdkConnection;
import java.time.OffsetDateTime;
import java.util.Optional;

/** SDK connections of an org: stored with the SHA-256 of their secret, never the secret. */
public interface SdkConnectionRepository {
    void insert(SdkConnection connection, String secretHash);

    Optional<SdkConnection> findByHash(String orgId, String secretHash);

    Page<SdkConnection> list(String orgId, PageRequest page);

    /** Returns the revoked connection's secret hash, or empty when it was not live. */
    Optional<String> revoke(String orgId, String connectionId, OffsetDateTime now);

    void touch(String orgId, String connectionId, OffsetDateTime now);
}
