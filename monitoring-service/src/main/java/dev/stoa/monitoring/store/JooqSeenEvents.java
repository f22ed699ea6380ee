package dev.stoa.monitoring.store;

import dev.stoa.events.ProcessedEvents;
import dev.stoa.monitoring.domain.port.SeenEvents;
import dev.stoa.store.TenantTransactions;
import org.springframework.stereotype.Component;

/** {@link SeenEvents} in {@code stoa_processed_events}, as the repositories that dedupe their own rows use it. */
@Component
public final class JooqSeenEvents implements SeenEvents {
    private final TenantTransactions tx;
    private final ProcessedEvents processed;

    public JooqSeenEvents(TenantTransactions tx, ProcessedEvents processed) {
        this.tx = tx;
        this.processed = processed;
    }

    @Override
    public boolean first(String orgId, String consumer, String eventId) {
        return tx.inOrg(orgId, dsl -> processed.markProcessed(dsl, consumer, eventId));
    }
}
