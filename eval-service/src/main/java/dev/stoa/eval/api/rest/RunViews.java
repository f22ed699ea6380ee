package dev.stoa.eval.api.rest;

import dev.stoa.eval.domain.model.CaseResult;
import dev.stoa.eval.domain.model.Run;
import dev.stoa.eval.domain.scoring.ScoreResult;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the run endpoints. */
public final class RunViews {
    private RunViews() {}

    /** A run and its progress ({@code done} of {@code total} case executions; {@code errors} of them failed). */
    public record RunView(
            String id,
            String datasetId,
            int datasetVersion,
            String agentId,
            List<Integer> agentVersions,
            int concurrency,
            String status,
            int done,
            int total,
            int errors,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static RunView of(Run r) {
            return new RunView(
                    r.id(),
                    r.datasetId(),
                    r.datasetVersion(),
                    r.agentId(),
                    r.agentVersions(),
                    r.concurrency(),
                    r.status().wire(),
                    r.done(),
                    r.total(),
                    r.errors(),
                    r.createdAt(),
                    r.updatedAt());
        }
    }

    /** One case on one agent version: pending, done (scored) or error. */
    public record ResultView(
            String caseId,
            int agentVersion,
            String status,
            @Nullable Boolean passed,
            @Nullable String output,
            @Nullable String turnId,
            @Nullable Long costMicros,
            @Nullable Long latencyMs,
            List<ScoreResult> scores,
            @Nullable String error) {
        static ResultView of(CaseResult r) {
            return new ResultView(
                    r.caseId(),
                    r.agentVersion(),
                    r.status(),
                    r.passed(),
                    r.output(),
                    r.turnId(),
                    r.costMicros(),
                    r.latencyMs(),
                    r.scores(),
                    r.error());
        }
    }
}
