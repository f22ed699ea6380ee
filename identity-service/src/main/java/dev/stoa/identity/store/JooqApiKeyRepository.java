package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.API_KEYS;

import dev.stoa.common.auth.Role;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.port.ApiKeyRepository;
import dev.stoa.identity.store.jooq.tables.records.ApiKeysRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** API keys: only the SHA-256 of the secret and its last four characters are stored. */
@Component
public final class JooqApiKeyRepository implements ApiKeyRepository {
    private final TenantTransactions tx;

    public JooqApiKeyRepository(TenantTransactions tx) {
        this.tx = tx;
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
                .execute());
    }

    @Override
    public Optional<ApiKey> find(String orgId, String keyId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.selectFrom(API_KEYS).where(API_KEYS.ID.eq(keyId)).fetchOptional(JooqApiKeyRepository::map));
    }

    @Override
    public Optional<ApiKey> findByHash(String orgId, String secretHash) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(API_KEYS)
                .where(API_KEYS.SECRET_HASH.eq(secretHash))
                .fetchOptional(JooqApiKeyRepository::map));
    }

    @Override
    public Page<ApiKey> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            var condition = API_KEYS.REVOKED_AT.isNull();
            if (page.after() != null) {
                condition = condition.and(API_KEYS.ID.lt(page.after()));
            }
            List<ApiKey> rows = dsl.selectFrom(API_KEYS)
                    .where(condition)
                    .orderBy(API_KEYS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqApiKeyRepository::map);
            return Page.fromOverfetch(rows, page.limit(), ApiKey::id);
        });
    }

    @Override
    public Optional<String> revoke(String orgId, String keyId, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> dsl.update(API_KEYS)
                .set(API_KEYS.REVOKED_AT, now)
                .where(API_KEYS.ID.eq(keyId))
                .and(API_KEYS.REVOKED_AT.isNull())
                .returning(API_KEYS.SECRET_HASH)
                .fetchOptional(API_KEYS.SECRET_HASH));
    }

    @Override
    public void touch(String orgId, String keyId, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(API_KEYS)
                .set(API_KEYS.LAST_USED_AT, now)
                .where(API_KEYS.ID.eq(keyId))
                .and(API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(now.minusMinutes(1))))
                .execute());
    }

    @Override
    public List<String> revokeAllOf(String orgId, String userId, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> dsl.update(API_KEYS)
                .set(API_KEYS.REVOKED_AT, now)
                .where(API_KEYS.CREATED_BY.eq(userId))
                .and(API_KEYS.REVOKED_AT.isNull())
                .returning(API_KEYS.ID, API_KEYS.SECRET_HASH)
                .fetch(r -> r.get(API_KEYS.ID) + " " + r.get(API_KEYS.SECRET_HASH)));
    }

    static ApiKey map(ApiKeysRecord r) {
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
                r.getRevokedAt());
    }
}
