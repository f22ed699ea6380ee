package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.SIGNING_KEYS;

import dev.stoa.identity.domain.model.StoredSigningKey;
import dev.stoa.identity.domain.port.SigningKeyRepository;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Token signing keys (global): the private half sealed by the secret box, the public half as a JWK. */
@Component
public final class JooqSigningKeyRepository implements SigningKeyRepository {
    private final DSLContext dsl;

    public JooqSigningKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(String kid, String privateKeySealed, String publicJwk, OffsetDateTime now) {
        dsl.insertInto(SIGNING_KEYS)
                .set(SIGNING_KEYS.KID, kid)
                .set(SIGNING_KEYS.PRIVATE_KEY_SEALED, privateKeySealed)
                .set(SIGNING_KEYS.PUBLIC_JWK, publicJwk)
                .set(SIGNING_KEYS.CREATED_AT, now)
                .execute();
    }

    @Override
    public List<StoredSigningKey> live() {
        return dsl.selectFrom(SIGNING_KEYS)
                .where(SIGNING_KEYS.RETIRED_AT.isNull())
                .orderBy(SIGNING_KEYS.CREATED_AT.desc(), SIGNING_KEYS.KID.desc())
                .fetch(r ->
                        new StoredSigningKey(r.getKid(), r.getPrivateKeySealed(), r.getPublicJwk(), r.getCreatedAt()));
    }

    @Override
    public int retireOlderThan(OffsetDateTime cutoff, String newestKid, OffsetDateTime now) {
        return dsl.update(SIGNING_KEYS)
                .set(SIGNING_KEYS.RETIRED_AT, now)
                .where(SIGNING_KEYS.RETIRED_AT.isNull())
                .and(SIGNING_KEYS.KID.ne(newestKid))
                .and(SIGNING_KEYS.CREATED_AT.lt(cutoff))
                .execute();
    }

    @Override
    public void lock() {
        dsl.execute("select pg_advisory_xact_lock(hashtext('stoa.identity.signing_keys'))");
    }
}
