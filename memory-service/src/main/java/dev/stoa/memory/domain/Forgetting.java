package dev.stoa.memory.domain;

import dev.stoa.memory.domain.port.FactChanges;
import dev.stoa.memory.domain.port.FactRepository;
import dev.stoa.memory.domain.port.VectorIndex;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/**
 * What memory forgets on its own: the facts only a deleted conversation supported, and (daily) facts older than their
 * agent's retention. Both are idempotent, so a redelivered deletion changes nothing.
 */
@Service
public final class Forgetting {
    private final FactRepository facts;
    private final FactChanges changes;
    private final VectorIndex index;
    private final Clock clock;

    public Forgetting(FactRepository facts, FactChanges changes, VectorIndex index, Clock clock) {
        this.facts = facts;
        this.changes = changes;
        this.index = index;
        this.clock = clock;
    }

    /** Returns how many facts went. */
    public int conversationDeleted(String orgId, String conversationId) {
        if (orgId.isBlank() || conversationId.isBlank() || conversationId.length() > 128) {
            return 0;
        }
        int gone = facts.forgetConversation(orgId, conversationId, OffsetDateTime.now(clock));
        if (gone > 0) {
            index.catchUp();
        }
        return gone;
    }

    /** Deletes expired facts in batches of {@code batch}; returns how many. */
    public int purgeExpired(int batch) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int total = 0;
        int purged;
        do {
            purged = changes.purgeExpired(now, batch);
            total += purged;
        } while (purged == batch);
        if (total > 0) {
            index.catchUp();
        }
        return total;
    }
}
