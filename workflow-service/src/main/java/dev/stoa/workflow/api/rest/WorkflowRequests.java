package dev.stoa.workflow.api.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request bodies of the workflow endpoints; unknown fields are refused. */
public final class WorkflowRequests {
    private WorkflowRequests() {}

    /** A workflow: its name and the DAG ({@code GET /api/v1/workflows/schema} describes it). */
    public record CreateWorkflow(
            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 2000) String description,
            @NotNull JsonNode definition) {}

    /** Changes what is given; a different definition becomes the next version (runs keep theirs). */
    public record UpdateWorkflow(
            @Nullable @Size(min = 1, max = 200) String name,
            @Nullable @Size(max = 2000) String description,
            @Nullable JsonNode definition) {}

    /** Runs the latest version with {@code input} (any JSON object; steps read it as {@code $.input}). */
    public record Execute(@Nullable JsonNode input) {}

    /** Input for a run waiting at a human-input step, checked against the step's form schema. */
    public record HumanInput(
            @NotBlank @Size(max = 40) String runId,

            @NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z][a-z0-9_]{0,63}$")
            String stepId,

            @NotNull JsonNode input) {}
}
