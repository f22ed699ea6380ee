package dev.stoa.workflow.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Where one step of a run is: pending (waits for its needs), scheduled (a task is due), running, waiting (for human
 * input), completed, failed, skipped (a branch not taken) or cancelled; its current attempt and outcome.
 */
public record StepState(
        String runId,
        String stepId,
        String status,
        int attempt,
        @Nullable String outputJson,
        @Nullable String error,
        @Nullable String branch,
        @Nullable OffsetDateTime expiresAt,
        @Nullable OffsetDateTime startedAt,
        @Nullable OffsetDateTime finishedAt) {

    public static final String PENDING = "pending";
    public static final String SCHEDULED = "scheduled";
    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String CANCELLED = "cancelled";

    public static StepState pending(String runId, String stepId) {
        return new StepState(runId, stepId, PENDING, 0, null, null, null, null, null, null);
    }

    /** Completed or skipped: what a step's dependents wait for. */
    public boolean settled() {
        return COMPLETED.equals(status) || SKIPPED.equals(status);
    }

    public boolean terminal() {
        return settled() || FAILED.equals(status) || CANCELLED.equals(status);
    }

    public StepState scheduled(int newAttempt, @Nullable String err) {
        return new StepState(runId, stepId, SCHEDULED, newAttempt, null, err, null, null, null, null);
    }

    public StepState running(OffsetDateTime now) {
        return new StepState(runId, stepId, RUNNING, attempt, null, error, null, null, now, null);
    }

    public StepState waiting(OffsetDateTime expires) {
        return new StepState(runId, stepId, WAITING, attempt, null, null, null, expires, startedAt, null);
    }

    public StepState completed(String output, @Nullable String chosen, OffsetDateTime now) {
        return new StepState(runId, stepId, COMPLETED, attempt, output, null, chosen, expiresAt, startedAt, now);
    }

    public StepState ended(String newStatus, @Nullable String err, OffsetDateTime now) {
        return new StepState(runId, stepId, newStatus, attempt, outputJson, err, branch, expiresAt, startedAt, now);
    }
}
