package dev.stoa.eval.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.eval.api.rest.RunRequests.JudgeModel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the A/B test endpoints; unknown fields are refused. */
public final class AbTestRequests {
    private AbTestRequests() {}

    /**
     * An A/B test of an agent's current version (A) against {@code variant_b_version}: {@code percent} of new
     * conversations go to B (default 50); a share {@code sample_rate} (default 1) of their completed turns is judged
     * with {@code rubric} by {@code judge_model}; a judgement passes at {@code pass_threshold} (default 0.5). The
     * horizon: {@code min_detectable_effect} (default 0.1, on the 0..1 score), {@code alpha} (default 0.05),
     * {@code min_samples_per_variant} (optional, a longer horizon).
     */
    public record CreateAbTest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 40) String agentId,

            @JsonProperty("variant_b_version") @NotNull @Positive
            Integer variantBVersion,

            @Nullable @Min(1) @Max(99) Integer percent,
            @NotBlank @Size(max = 8000) String rubric,
            @NotNull @Valid JudgeModel judgeModel,
            @Nullable @DecimalMin("0") @DecimalMax("1") Double sampleRate,
            @Nullable @DecimalMin("0") @DecimalMax("1") Double passThreshold,

            @Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            Double minDetectableEffect,

            @Nullable @Min(2) @Max(1_000_000) Integer minSamplesPerVariant,

            @Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("0.5")
            Double alpha) {}

    /** Which variant to promote; without one, the winner. */
    public record PromoteAbTest(
            @Nullable @Pattern(regexp = "a|b", message = "must be \"a\" or \"b\"")
            String variant) {}
}
