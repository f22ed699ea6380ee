package dev.stoa.eval.api.rest;

import dev.stoa.eval.api.rest.RunRequests.JudgeModel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Request bodies of the quality endpoints; unknown fields are refused. */
public final class QualityRequests {
    private QualityRequests() {}

    /**
     * An agent's quality checks: {@code enabled}, the share of completed turns judged ({@code sample_rate}, default
     * 0.1), the {@code rubric}, the {@code judge_model} and the score at which a check passes ({@code pass_threshold},
     * default 0.5).
     */
    public record PutConfig(
            @NotNull Boolean enabled,
            @Nullable @DecimalMin("0") @DecimalMax("1") Double sampleRate,
            @NotBlank @Size(max = 8000) String rubric,
            @NotNull @Valid JudgeModel judgeModel,
            @Nullable @DecimalMin("0") @DecimalMax("1") Double passThreshold) {}

    /** A check now of the kept turns of {@code agent_id} finished in [from, to] (at most 31 days), at most limit. */
    public record RunChecks(
            @NotBlank @Size(max = 40) String agentId,
            @NotNull OffsetDateTime from,
            @NotNull OffsetDateTime to,
            @Nullable @Min(1) @Max(500) Integer limit) {}
}
