package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.SDK_CONNECTIONS;

import dev.stoa.identity.domain.model.SdkConnection;
import dev.stoa.identity.domain.port.SdkConnectionRepository;
import dev.stoa.identity.store.jooq.tables.records.SdkConnectionsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** SDK connections: only the SHA-256 of the secret and its last four characters are stored. */
@Component
public final class JooqSdkConnectionRepository
        extends JooqSecretCredentialRepository<SdkConnectionsRecord, SdkConnection> implements SdkConnectionRepository {

    public JooqSdkConnectionRepository(TenantTransactions tx) {
        super(
                tx,
                new Columns<>(
                        SDK_CONNECTIONS,
                        SDK_CONNECTIONS.ID,
                        SDK_CONNECTIONS.SECRET_HASH,
                        SDK_CONNECTIONS.CREATED_BY,
                        SDK_CONNECTIONS.LAST_USED_AT,
                        SDK_CONNECTIONS.REVOKED_AT),
                "identity_org_of_sdk_connection",
                Duration.ZERO);
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
    SdkConnection map(SdkConnectionsRecord r) {
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
