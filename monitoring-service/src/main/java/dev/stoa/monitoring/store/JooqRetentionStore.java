package dev.stoa.monitoring.store;

import dev.stoa.events.ProcessedEvents;
import dev.stoa.monitoring.domain.port.RetentionStore;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@link RetentionStore} through {@code monitoring_purge} (006-retention.sql), the owner's function that may delete
 * across orgs; deduplication records are the service's own global table.
 */
@Component
public final class JooqRetentionStore implements RetentionStore {
    private final TenantTransactions tx;
    private final ProcessedEvents processed;

    public JooqRetentionStore(TenantTransactions tx, ProcessedEvents processed) {
        this.tx = tx;
        this.processed = processed;
    }

    @Override
    public int purge(Kind kind, OffsetDateTime before, int limit) {
        if (kind == Kind.PROCESSED_EVENTS) {
            return tx.global(dsl -> processed.purgeBefore(dsl, before, limit));
        }
        String name = kind.name().toLowerCase(Locale.ROOT);
        return tx.global(dsl -> dsl.fetchValue(
                                "select monitoring_purge(?::text, ?::timestamptz, ?::integer)", name, before, limit))
                        instanceof Integer n
                ? n
                : 0;
    }
}
