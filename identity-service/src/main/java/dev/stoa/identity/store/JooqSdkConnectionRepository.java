package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.SDK_CONNECTIONS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.SdkConnection;
import dev.stoa.identity.domain.port.SdkConnectionRepository;
import dev.stoa.identity.store.jooq.tables.records.SdkConnectionsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** SDK connections: only the SHA-256 of the secret and its last four characters are stored. */
@Component
public final class JooqSdkConnectionRepository implements SdkConnectionRepository {
    private final TenantTransactions tx;

    public JooqSdkConnectionRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(SdkConnection connection, String secretHash) {
        tx.inOrgRun(connection.orgId(), dsl -> dsl.insertInto(SDK_CONNECTIONS)
                .set(SDK_CONNECTIONS.ID, connection.id())
                .set(SDK_CONNECTIONS.ORG_ID, connection.orgId())
                .set(SDK_CONNECTIONS.NAME, connection.name())
                .set(SDK_CONNECTIONS.SECRET_HASH, secretHash)
                .set(SDK_CONNECTIONS.LAST4, connection.last4())
                .set(SDK_CONNECTIONS.CREATED_BY, connection.createdBy())
                .set(SDK_CONNECTIONS.CREATED_AT, connection.createdAt())
                .execute());
    }

    @Override
    public Optional<SdkConnection> findByHash(String orgId, String secretHash) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(SDK_CONNECTIONS)
                .where(SDK_CONNECTIONS.SECRET_HASH.eq(secretHash))
                .fetchOptional(JooqSdkConnectionRepository::map));
    }

    @Override
    public Page<SdkConnection> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            var condition = SDK_CONNECTIONS.REVOKED_AT.isNull();
            if (page.after() != null) {
                condition = condition.and(SDK_CONNECTIONS.ID.lt(page.after()));
            }
            List<SdkConnection> rows = dsl.selectFrom(SDK_CONNECTIONS)
                    .where(condition)
                    .orderBy(SDK_CONNECTIONS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqSdkConnectionRepository::map);
            return Page.fromOverfetch(rows, page.limit(), SdkConnection::id);
        });
    }

    @Override
    public Optional<String> revoke(String orgId, String connectionId, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> dsl.update(SDK_CONNECTIONS)
                .set(SDK_CONNECTIONS.REVOKED_AT, now)
                .where(SDK_CONNECTIONS.ID.eq(connectionId))
                .and(SDK_CONNECTIONS.REVOKED_AT.isNull())
                .returning(SDK_CONNECTIONS.SECRET_HASH)
                .fetchOptional(SDK_CONNECTIONS.SECRET_HASH));
    }

    @Override
    public void touch(String orgId, String connectionId, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(SDK_CONNECTIONS)
                .set(SDK_CONNECTIONS.LAST_USED_AT, now)
                .where(SDK_CONNECTIONS.ID.eq(connectionId))
                .execute());
    }

    static SdkConnection map(SdkConnectionsRecord r) {
        return new SdkConnection(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                r.getLast4(),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getLastUsedAt(),
                r.getRevokedAt());
    }
}
