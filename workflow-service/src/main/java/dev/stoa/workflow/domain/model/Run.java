package dev.stoa.workflow.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A run of a workflow on the version it started on; status running, waiting, completed, failed or cancelled. */
public record Run(
        String id,
        String orgId,
        String workflowId,
        int workflowVersion,
        String status,
        String inputJson,
        @Nullable String outputJson,
        @Nullable String error,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime finishedAt,
        @Nullable Parent parent) {

    /** The sub_workflow step (and its attempt) that started this run, if one did. */
    public record Parent(String runId, String stepId, int attempt) {}

    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public boolean terminal() {
        return !active();
    }

    /** Whether steps may still run (running, or waiting for input or a timer). */
    public boolean active() {
        return RUNNING.equals(status) || WAITING.equals(status);
    }

    public Run with(String newStatus, @Nullable String output, @Nullable String err, OffsetDateTime now) {
        boolean finished = !RUNNING.equals(newStatus) && !WAITING.equals(newStatus);
        return new Run(
                id,
                orgId,
                workflowId,
                workflowVersion,
                newStatus,
                inputJson,
                output,
                err,
                createdAt,
                now,
                finished ? now : null,
                parent);
    }
}
