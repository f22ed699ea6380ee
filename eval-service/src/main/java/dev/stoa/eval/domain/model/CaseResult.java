package dev.stoa.eval.domain.model;

import dev.stoa.eval.domain.scoring.ScoreResult;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One case of a run on one agent version: {@code status} pending (not yet executed), done (the turn ran and was
 * scored; {@code passed} when every scorer passed) or error (the turn or a scorer failed; re-run-failed retries it).
 */
public record CaseResult(
        String runId,
        String caseId,
        int agentVersion,
        long position,
        String status,
        @Nullable Boolean passed,
        @Nullable String output,
        @Nullable String turnId,
        @Nullable Long costMicros,
        @Nullable Long latencyMs,
        List<ScoreResult> scores,
        @Nullable String error,
        OffsetDateTime updatedAt) {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String ERROR = "error";
}
