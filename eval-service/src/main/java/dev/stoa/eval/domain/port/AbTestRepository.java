package dev.stoa.eval.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.AbStatus;
import dev.stoa.eval.domain.model.AbTest;
import dev.stoa.eval.domain.model.Judgement;
import dev.stoa.eval.domain.model.VariantSummary;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A/B tests and their judged turns, per org. */
public interface AbTestRepository {
    /** Stores a new running test; false when the agent already has a running one. */
    boolean insert(AbTest test);

    Optional<AbTest> find(String orgId, String id);

    /** Newest first. */
    Page<AbTest> list(String orgId, PageRequest page);

    /** The agent's running test, if any. */
    Optional<AbTest> running(String orgId, String agentId);

    boolean judged(String orgId, String testId, String turnId);

    /** Stores a judgement unless the turn was judged for the test before. */
    void record(String orgId, Judgement judgement);

    /** Forgets the judgements of a deleted conversation's turns; answers how many went. */
    int forgetConversation(String orgId, String conversationId);

    /** Per variant ("a", "b"): n, mean and variance of the scores, passes. */
    Map<String, VariantSummary> summaries(String orgId, String testId);

    /** Ends a running test; false when it was not running any more. */
    boolean end(
            String orgId,
            String id,
            AbStatus status,
            @Nullable String promotedVariant,
            @Nullable Integer promotedVersion,
            OffsetDateTime now);
}
