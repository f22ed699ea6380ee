package dev.stoa.identity.store;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.model.SecretCredential;
import dev.stoa.identity.domain.port.SecretCredentialRepository;
import dev.stoa.store.TenantTransactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * What the API key and SDK connection tables share: both keep the SHA-256 of the secret and its last four
 * characters, are listed newest first while live, revoked by setting {@code revoked_at} and found by secret hash.
 * A subclass inserts and maps its own columns.
 */
abstract class JooqSecretCredentialRepository<R extends Record, T extends SecretCredential>
        implements SecretCredentialRepository<T> {
    final TenantTransactions tx;
    final Columns<R> columns;
    private final String orgLookup;
    private final Duration touchEvery;

    /**
     * @param orgLookup the SECURITY DEFINER function that finds the org of a secret hash
     * @param touchEvery how often use is recorded at most ({@link Duration#ZERO}: on every use)
     */
    JooqSecretCredentialRepository(TenantTransactions tx, Columns<R> columns, String orgLookup, Duration touchEvery) {
        this.tx = tx;
        this.columns = columns;
        this.orgLookup = orgLookup;
        this.touchEvery = touchEvery;
    }

    abstract T map(R record);

    @Override
    public Optional<String> orgOfSecret(String secretHash) {
        return JooqCredentialLookups.lookup(tx, orgLookup, secretHash);
    }

    @Override
    public Optional<T> findByHash(String orgId, String secretHash) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(columns.table())
                .where(columns.secretHash().eq(secretHash))
                .fetchOptional(this::map));
    }

    @Override
    public Page<T> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = columns.revokedAt().isNull();
            if (page.after() != null) {
                condition = condition.and(columns.id().lt(page.after()));
            }
            List<T> rows = dsl.selectFrom(columns.table())
                    .where(condition)
                    .orderBy(columns.id().desc())
                    .limit(page.limit() + 1)
                    .fetch(this::map);
            return Page.fromOverfetch(rows, page.limit(), SecretCredential::id);
        });
    }

    @Override
    public Optional<String> revoke(String orgId, String id, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> dsl.update(columns.table())
                .set(columns.revokedAt(), now)
                .where(columns.id().eq(id))
                .and(columns.revokedAt().isNull())
                .returning(columns.secretHash())
                .fetchOptional(columns.secretHash()));
    }

    @Override
    public List<RevokedCredential> revokeAllOf(String orgId, String userId, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> dsl.update(columns.table())
                .set(columns.revokedAt(), now)
                .where(columns.createdBy().eq(userId))
                .and(columns.revokedAt().isNull())
                .returning(columns.id(), columns.secretHash())
                .fetch(r -> new RevokedCredential(r.get(columns.id()), r.get(columns.secretHash()))));
    }

    @Override
    public void touch(String orgId, String id, OffsetDateTime now) {
        Condition due = touchEvery.isZero()
                ? DSL.trueCondition()
                : columns.lastUsedAt().isNull().or(columns.lastUsedAt().lt(now.minus(touchEvery)));
        tx.inOrgRun(orgId, dsl -> dsl.update(columns.table())
                .set(columns.lastUsedAt(), now)
                .where(columns.id().eq(id))
                .and(due)
                .execute());
    }

    /** The columns the two tables have in common. */
    record Columns<R extends Record>(
            Table<R> table,
            TableField<R, String> id,
            TableField<R, String> secretHash,
            TableField<R, String> createdBy,
            TableField<R, OffsetDateTime> lastUsedAt,
            TableField<R, OffsetDateTime> revokedAt) {}
}
