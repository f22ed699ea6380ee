package dev.stoa.memory.domain.port;

import dev.stoa.memory.domain.model.IndexChange;
import java.time.OffsetDateTime;
import java.util.List;

/** Changes to the facts of every org, in change order, for the vector index; and the retention purge. */
public interface FactChanges {
    /** Up to {@code limit} changes after change number {@code after}. */
    List<IndexChange> after(long after, int limit);

    /** Deletes up to {@code limit} facts older than their agent's retention; returns how many. */
    int purgeExpired(OffsetDateTime now, int limit);
}
