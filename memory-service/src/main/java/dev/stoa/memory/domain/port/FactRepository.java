package dev.stoa.memory.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.MemoryStats;
import dev.stoa.memory.domain.model.NewFact;
import dev.stoa.memory.domain.model.Validity;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Facts, their sources and the record of processed turns, one org at a time (row-level security). Every change takes
 * a new change number and every deletion leaves a tombstone, so index replicas catch up ({@link FactChanges}).
 */
public interface FactRepository {
    List<Fact> findByIds(String orgId, Collection<String> ids);

    boolean turnProcessed(String orgId, String turnId);

    /**
     * Records the outcome of a turn's extraction; false when it was recorded before (another delivery or replica got
     * there first: the caller's transaction must then write nothing).
     */
    boolean markTurn(
            String orgId,
            String turnId,
            String agentId,
            String outcome,
            @Nullable String reason,
            int factsWritten,
            OffsetDateTime at);

    void insert(String orgId, NewFact fact, OffsetDateTime at);

    /** A turn that restates the fact; false when the fact no longer exists. */
    boolean addSource(String orgId, String factId, String conversationId, String turnId, OffsetDateTime at);

    /** Ends a current fact's validity in favour of {@code byFactId}; false when it was not current. */
    boolean supersede(String orgId, String factId, String byFactId, OffsetDateTime at);

    /**
     * Keeps at most {@code max} facts in the scope: superseded facts go first, then the lowest confidence, oldest
     * first. Returns how many were deleted.
     */
    int trimScope(String orgId, String scopeKey, int max, OffsetDateTime at);

    Page<Fact> list(
            String orgId,
            String agentId,
            String userId,
            @Nullable String category,
            Validity validity,
            PageRequest page);

    /** Up to {@code limit} facts of one user of one agent, newest first. */
    List<Fact> all(String orgId, String agentId, String userId, Validity validity, int limit);

    /** Deletes every fact (and source) of one user of one agent; returns how many facts. */
    int clearUser(String orgId, String agentId, String userId, OffsetDateTime at);

    boolean rate(
            String orgId, String agentId, String userId, String factId, @Nullable Integer rating, OffsetDateTime at);

    boolean delete(String orgId, String agentId, String userId, String factId, OffsetDateTime at);

    /** Drops a deleted conversation's sources and the facts no other turn supports; returns how many facts. */
    int forgetConversation(String orgId, String conversationId, OffsetDateTime at);

    MemoryStats stats(String orgId, String agentId);
}
