package dev.stoa.memory.store;

import dev.stoa.memory.domain.model.IndexChange;
import dev.stoa.memory.domain.port.FactChanges;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@link FactChanges} through the SECURITY DEFINER functions {@code memory_changes} and {@code memory_purge_expired}
 * (they read and delete every org's facts; the app role itself sees one org at a time).
 */
@Component
public final class JooqFactChanges implements FactChanges {
    private final TenantTransactions tx;

    public JooqFactChanges(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<IndexChange> after(long after, int limit) {
        return tx.global(dsl -> dsl.fetch(
                        "select change_seq, org_id, id, scope_key, current, embedding from memory_changes(?, ?)",
                        after,
                        limit)
                .map(r -> {
                    byte[] embedding = r.get(5, byte[].class);
                    return new IndexChange(
                            r.get(0, Long.class),
                            r.get(1, String.class),
                            r.get(2, String.class),
                            r.get(3, String.class),
                            Boolean.TRUE.equals(r.get(4, Boolean.class)) && embedding != null
                                    ? Vectors.floats(embedding)
                                    : null);
                }));
    }

    @Override
    public int purgeExpired(OffsetDateTime now, int limit) {
        Integer purged = tx.global(dsl -> dsl.fetchValue(
                                "select memory_purge_expired(cast(? as timestamp with time zone), ?)",
                                now.toString(),
                                limit))
                        instanceof Integer n
                ? n
                : 0;
        return purged;
    }
}
