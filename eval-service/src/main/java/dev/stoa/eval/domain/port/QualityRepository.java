package dev.stoa.eval.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.FinishedTurn;
import dev.stoa.eval.domain.model.QualityCheck;
import dev.stoa.eval.domain.model.QualityConfig;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Quality configs, the kept copies of turns and the checks, per org. */
public interface QualityRepository {
    Optional<QualityConfig> config(String orgId, String agentId);

    void saveConfig(QualityConfig config);

    /** Keeps a copy of a completed turn (once per turn id). */
    void keepTurn(FinishedTurn turn);

    /** Kept turns of the window without a check, oldest first, at most {@code limit}. */
    List<FinishedTurn> uncheckedTurns(String orgId, String agentId, OffsetDateTime from, OffsetDateTime to, int limit);

    boolean checked(String orgId, String turnId);

    /** Stores a check unless the turn has one. */
    void record(QualityCheck check);

    /** Newest first. */
    Page<QualityCheck> checks(String orgId, Filter filter, PageRequest page);

    /** Per agent and UTC day of the checks that match. */
    List<DayStats> stats(String orgId, Filter filter);

    /** Forgets a conversation's kept turns and checks; answers how many rows went. */
    int forgetConversation(String orgId, String conversationId);

    /** Purges kept turns of every org finished before {@code before}. */
    int purgeTurns(OffsetDateTime before);

    /** Which checks to read: each filter is optional. */
    record Filter(
            @Nullable String agentId,
            @Nullable Boolean passed,
            @Nullable OffsetDateTime from,
            @Nullable OffsetDateTime to) {}

    /** The checks of one agent on one UTC day. */
    record DayStats(String agentId, LocalDate day, long n, double scoreSum, long passes) {}
}
