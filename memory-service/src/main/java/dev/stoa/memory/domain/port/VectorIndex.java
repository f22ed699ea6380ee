package dev.stoa.memory.domain.port;

import dev.stoa.memory.domain.model.IndexHit;
import java.util.List;

/** Nearest currently valid facts of one scope by embedding (this replica's index). */
public interface VectorIndex {
    /** Up to {@code k} facts of the scope, most similar first. */
    List<IndexHit> search(String orgId, String scopeKey, float[] query, int k);

    /** Applies the facts' changes committed so far (after a write, so this replica's next recall sees it). */
    void catchUp();
}
