package dev.stoa.eval.api.rest;

import dev.stoa.eval.domain.model.ModelChoice;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request bodies of the run endpoints; unknown fields are refused. */
public final class RunRequests {
    private RunRequests() {}

    /**
     * A run: one agent version, or two side by side, over a dataset version (latest by default); {@code scorers} are
     * the defaults for cases without their own; {@code judge_model} is needed by llm_judge scorers.
     */
    public record CreateRun(
            @NotBlank @Size(max = 40) String datasetId,
            @Nullable @Positive Integer datasetVersion,
            @NotBlank @Size(max = 40) String agentId,
            @NotNull @Size(min = 1, max = 2) java.util.List<@NotNull @Positive Integer> agentVersions,
            @Nullable JsonNode scorers,
            @Nullable @Valid JudgeModel judgeModel,
            @Nullable @Min(1) @Max(16) Integer concurrency) {}

    /** A tier of the org, or one provider and model. */
    public record JudgeModel(
            @Nullable @Size(min = 1, max = 40) String tierId,
            @Nullable @Size(min = 1, max = 40) String providerId,
            @Nullable @Size(min = 1, max = 200) String model) {
        ModelChoice choice() {
            return new ModelChoice(tierId, providerId, model);
        }
    }
}
