package dev.stoa.eval.api.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.eval.domain.AbTestService.TestStats;
import dev.stoa.eval.domain.model.AbTest;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.stats.AbStats;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the A/B test endpoints. */
public final class AbTestViews {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AbTestViews() {}

    /** An A/B test: running, completed (a variant promoted) or stopped. */
    public record AbTestView(
            String id,
            String name,
            String agentId,
            String status,
            @JsonProperty("variant_a_version") int variantAVersion,
            @JsonProperty("variant_b_version") int variantBVersion,
            int percent,
            String rubric,
            ModelChoice judgeModel,
            double sampleRate,
            double passThreshold,
            double minDetectableEffect,
            @Nullable Integer minSamplesPerVariant,
            double alpha,
            @Nullable String promotedVariant,
            @Nullable Integer promotedVersion,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Nullable OffsetDateTime endedAt) {
        static AbTestView of(AbTest t) {
            return new AbTestView(
                    t.id(),
                    t.name(),
                    t.agentId(),
                    t.status().wire(),
                    t.versionA(),
                    t.versionB(),
                    t.percent(),
                    t.rubric(),
                    JSON.readValue(t.judgeModel(), ModelChoice.class),
                    t.sampleRate(),
                    t.passThreshold(),
                    t.minDetectableEffect(),
                    t.minSamplesPerVariant(),
                    t.alpha(),
                    t.promotedVariant(),
                    t.promotedVersion(),
                    t.createdBy(),
                    t.createdAt(),
                    t.updatedAt(),
                    t.endedAt());
        }
    }

    /** An interval's bounds. */
    public record IntervalView(double low, double high) {
        static @Nullable IntervalView of(AbStats.@Nullable Interval i) {
            return i == null ? null : new IntervalView(i.low(), i.high());
        }
    }

    /** One variant's judged turns: mean score (95 % t interval) and pass rate (95 % Wilson interval). */
    public record VariantView(
            int version,
            long n,
            double meanScore,
            @Nullable IntervalView meanScoreCi,
            double passRate,
            @Nullable IntervalView passRateCi) {
        static VariantView of(int version, AbStats.Variant v) {
            return new VariantView(
                    version,
                    v.n(),
                    v.meanScore(),
                    IntervalView.of(v.meanScoreCi()),
                    v.passRate(),
                    IntervalView.of(v.passRateCi()));
        }
    }

    /** b - a, its interval at 1 - alpha and the named test's two-sided p-value. */
    public record DifferenceView(
            double estimate,
            @Nullable IntervalView ci,
            @Nullable Double pValue,
            String test) {
        static DifferenceView of(AbStats.Difference d, String test) {
            return new DifferenceView(d.estimate(), IntervalView.of(d.ci()), d.pValue(), test);
        }
    }

    /** The variants' differences. */
    public record DifferencesView(DifferenceView score, DifferenceView passRate) {}

    /** The variants. */
    public record VariantsView(VariantView a, VariantView b) {}

    /**
     * A test's statistics; {@code decision} follows the fixed-horizon rule ({@code collecting} until both variants
     * have {@code required_per_variant} judged turns).
     */
    public record AbTestStatsView(
            String testId,
            String status,
            String stoppingRule,
            double alpha,
            double power,
            double minDetectableEffect,
            long requiredPerVariant,
            String decision,
            VariantsView variants,
            DifferencesView difference) {
        static AbTestStatsView of(TestStats s) {
            AbTest t = s.test();
            AbStats.Result r = s.stats();
            return new AbTestStatsView(
                    t.id(),
                    t.status().wire(),
                    "fixed_horizon",
                    t.alpha(),
                    AbStats.POWER,
                    t.minDetectableEffect(),
                    r.requiredPerVariant(),
                    r.decision().wire(),
                    new VariantsView(VariantView.of(t.versionA(), r.a()), VariantView.of(t.versionB(), r.b())),
                    new DifferencesView(
                            DifferenceView.of(r.score(), "welch_t"),
                            DifferenceView.of(r.passRate(), "chi_square_2x2")));
        }
    }
}
