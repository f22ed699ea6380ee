package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.StoredSigningKey;
import java.time.OffsetDateTime;
import java.util.List;

/** The token signing keys (global): the private half sealed, the public half a JWK. */
public interface SigningKeyRepository {
    void insert(String kid, String privateKeySealed, String publicJwk, OffsetDateTime now);

    /** Keys not yet retired, newest first: the first signs, all verify. */
    List<StoredSigningKey> live();

    /** Retires every live key but {@code newestKid} created before {@code cutoff}. */
    int retireOlderThan(OffsetDateTime cutoff, String newestKid, OffsetDateTime now);

    /** Serializes key creation across instances (transaction-scoped advisory lock). */
    void lock();
}
