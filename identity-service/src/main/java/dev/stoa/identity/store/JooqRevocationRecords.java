package dev.stoa.identity.store;

import dev.stoa.identity.domain.model.Revocation;
import dev.stoa.identity.domain.port.RevocationRecords;
import dev.stoa.store.TenantTransactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reads revocations through the SECURITY DEFINER function {@code identity_revoked_credentials} (see changelog 004). */
@Component
public final class JooqRevocationRecords implements RevocationRecords {
    private final TenantTransactions tx;

    public JooqRevocationRecords(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<Revocation> alive(
            Duration sessionTtl,
            Duration exchangedTtl,
            @Nullable OffsetDateTime afterAt,
            @Nullable String afterId,
            int limit) {
        return tx.global(dsl -> dsl.resultQuery(
                        "select * from identity_revoked_credentials(make_interval(secs => ?), make_interval(secs => ?),"
                                + " cast(? as timestamp with time zone), ?, ?)",
                        seconds(sessionTtl),
                        seconds(exchangedTtl),
                        afterAt,
                        afterId == null ? "" : afterId,
                        limit)
                .fetch(JooqRevocationRecords::map));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Revocation map(Record row) {
        return new Revocation(
                row.get("org_id", String.class),
                row.get("id", String.class),
                row.get("kind", String.class),
                row.get("secret_hash", String.class),
                row.get("revoked_at", OffsetDateTime.class),
                row.get("forget_after", OffsetDateTime.class));
    }
}
