package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.API_KEYS;

import dev.stoa.common.auth.Role;
import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.port.ApiKeyRepository;
import dev.stoa.identity.store.jooq.tables.records.ApiKeysRecord;
import dev.stoa.store.TenantTransactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** API keys: only the SHA-256 of the secret and its last four characters are stored. */
@Component
public final class JooqApiKeyRepository extends JooqSecretCredentialRepository<ApiKeysRecord, ApiKey>
        implements ApiKeyRepository {

    public JooqApiKeyRepository(TenantTransactions tx) {
        // Use is recorded at most once a minute per key, so a busy key does not write on every exchange.
        super(
                tx,
                new Columns<>(
                        API_KEYS,
                        API_KEYS.ID,
                        API_KEYS.SECRET_HASH,
                        API_KEYS.CREATED_BY,
                        API_KEYS.LAST_USED_AT,
                        API_KEYS.REVOKED_AT),
                "identity_org_of_api_key",
                Duration.ofMinutes(1));
    }

    @Override
    public void insert(ApiKey key, String secretHash) {
        tx.inOrgRun(key.orgId(), dsl -> dsl.insertInto(API_KEYS)
                .set(API_KEYS.ID, key.id())
                .set(API_KEYS.ORG_ID, key.orgId())
                .set(API_KEYS.NAME, key.name())
                .set(API_KEYS.SECRET_HASH, secretHash)
                .set(API_KEYS.LAST4, key.last4())
                .set(API_KEYS.SCOPES, String.join(" ", key.scopes()))
                .set(API_KEYS.ROLE, key.role().wire())
                .set(API_KEYS.CREATED_BY, key.createdBy())
                .set(API_KEYS.CREATED_AT, key.createdAt())
                .set(API_KEYS.EXPIRES_AT, key.expiresAt())
                .set(API_KEYS.PARENT_KEY_ID, key.parentKeyId())
                .execute());
    }

    @Override
    public Optional<ApiKey> find(String orgId, String keyId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.selectFrom(API_KEYS).where(API_KEYS.ID.eq(keyId)).fetchOptional(this::map));
    }

    @Override
    public List<RevokedCredential> revokeWithDescendants(String orgId, String keyId, OffsetDateTime now) {
        // The key and everything minted from it, at any depth; the org's row-level security bounds the walk.
        return tx.inOrg(orgId, dsl -> dsl.resultQuery("""
                        with recursive tree(id) as (
                            select id from api_keys where id = ? and revoked_at is null
                            union
                            select k.id from api_keys k join tree t on k.parent_key_id = t.id
                        )
                        update api_keys set revoked_at = cast(? as timestamp with time zone)
                        where id in (select id from tree) and revoked_at is null
                        returning id, secret_hash
                        """, keyId, now)
                .fetch(r -> new RevokedCredential(r.get(0, String.class), r.get(1, String.class))));
    }

    @Override
    ApiKey map(ApiKeysRecord r) {
        return new ApiKey(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                r.getLast4(),
                r.getScopes().isEmpty()
                        ? List.of()
                        : Arrays.asList(r.getScopes().split(" ")),
                Role.fromWire(r.getRole()),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getExpiresAt(),
                r.getLastUsedAt(),
                r.getRevokedAt(),
                r.getParentKeyId());
    }
}
