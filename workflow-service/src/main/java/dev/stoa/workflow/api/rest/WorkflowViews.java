package dev.stoa.workflow.api.rest;

import dev.stoa.workflow.domain.RunService.RunDetail;
import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepState;
import dev.stoa.workflow.domain.model.Workflow;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the workflow endpoints. */
public final class WorkflowViews {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkflowViews() {}

    /** A workflow with its latest version's definition. */
    public record WorkflowView(
            String id,
            String name,
            @Nullable String description,
            int version,
            JsonNode definition,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static WorkflowView of(Workflow w) {
            return new WorkflowView(
                    w.id(),
                    w.name(),
                    w.description(),
                    w.version(),
                    JSON.readTree(w.definitionJson()),
                    w.createdAt(),
                    w.updatedAt());
        }
    }

    /** A run: the version it pinned, its status, input, output or error. */
    public record RunView(
            String id,
            String workflowId,
            int workflowVersion,
            String status,
            JsonNode input,
            @Nullable JsonNode output,
            @Nullable String error,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Nullable OffsetDateTime finishedAt,
            @Nullable List<StepView> steps) {
        static RunView of(Run r) {
            return of(r, null);
        }

        static RunView of(RunDetail d) {
            return of(d.run(), d.steps().stream().map(StepView::of).toList());
        }

        private static RunView of(Run r, @Nullable List<StepView> steps) {
            String output = r.outputJson();
            return new RunView(
                    r.id(),
                    r.workflowId(),
                    r.workflowVersion(),
                    r.status(),
                    JSON.readTree(r.inputJson()),
                    output == null ? null : JSON.readTree(output),
                    r.error(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.finishedAt(),
                    steps);
        }
    }

    /** One step of a run: its status, attempt, output or last error, the branch it took, its wait's expiry. */
    public record StepView(
            String stepId,
            String status,
            int attempt,
            @Nullable JsonNode output,
            @Nullable String error,
            @Nullable String branch,
            @Nullable OffsetDateTime expiresAt,
            @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime finishedAt) {
        static StepView of(StepState s) {
            String output = s.outputJson();
            return new StepView(
                    s.stepId(),
                    s.status(),
                    s.attempt(),
                    output == null ? null : JSON.readTree(output),
                    s.error(),
                    s.branch(),
                    s.expiresAt(),
                    s.startedAt(),
                    s.finishedAt());
        }
    }
}
