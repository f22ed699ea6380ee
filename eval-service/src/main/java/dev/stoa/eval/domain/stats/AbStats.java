package dev.stoa.eval.domain.stats;

import dev.stoa.eval.domain.model.VariantSummary;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of an A/B test over independent samples (each live turn is judged once, in one variant): per variant the
 * mean score with a Student t interval and the pass rate with a Wilson score interval; the difference b - a of the
 * mean scores with Welch's t-test and its Welch–Satterthwaite interval, and of the pass rates with Pearson's
 * chi-square test of the 2x2 table (the pooled two-proportion z-test squared) and a Wald interval; the sample size per
 * variant a fixed-horizon test needs; and the decision. Distributions and tests are Apache Commons Statistics'.
 */
public final class AbStats {
    /** Power of the horizon's power analysis. */
    public static final double POWER = 0.8;
    /**
     * The largest standard deviation a score in [0, 1] can have (Popoviciu's inequality: variance at most 1/4), so
     * the horizon is fixed when the test is created, before any data.
     */
    public static final double MAX_SCORE_SD = 0.5;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private AbStats() {}

    /** A two-sided confidence interval. */
    public record Interval(double low, double high) {}

    /** One variant's judged turns. */
    public record Variant(
            long n,
            double meanScore,
            @Nullable Interval meanScoreCi,
            double passRate,
            @Nullable Interval passRateCi) {}

    /** b - a with its interval and the test's two-sided p-value (null while either variant has too few turns). */
    public record Difference(
            double estimate,
            @Nullable Interval ci,
            @Nullable Double pValue) {}

    /** collecting: the horizon is not reached; then the verdict of the score test at alpha. */
    public enum Decision {
        COLLECTING,
        B_BETTER,
        A_BETTER,
        NO_DIFFERENCE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Everything the stats endpoint reports. */
    public record Result(
            Variant a, Variant b, Difference score, Difference passRate, long requiredPerVariant, Decision decision) {}

    /**
     * The statistics of two variants; {@code alpha} is the test's level (the difference's interval is at 1 - alpha),
     * {@code mde} the minimum detectable effect on the mean score, {@code minSamples} an optional larger horizon.
     */
    public static Result of(
            VariantSummary a, VariantSummary b, double alpha, double mde, @Nullable Integer minSamples) {
        Difference score = welch(a, b, 1 - alpha);
        long required =
                Math.max(requiredPerVariant(alpha, POWER, mde, MAX_SCORE_SD), minSamples == null ? 0 : minSamples);
        Decision decision;
        Double p = score.pValue();
        if (a.n() < required || b.n() < required || p == null) {
            decision = Decision.COLLECTING;
        } else if (p >= alpha) {
            decision = Decision.NO_DIFFERENCE;
        } else {
            decision = score.estimate() > 0 ? Decision.B_BETTER : Decision.A_BETTER;
        }
        return new Result(variant(a), variant(b), score, proportions(a, b, 1 - alpha), required, decision);
    }

    static Variant variant(VariantSummary s) {
        double rate = s.n() == 0 ? 0 : (double) s.passes() / s.n();
        return new Variant(
                s.n(),
                s.meanScore(),
                meanInterval(s.n(), s.meanScore(), s.scoreVariance(), 0.95),
                rate,
                wilson(s.passes(), s.n(), 0.95));
    }

    /** Student's t interval of a mean; null below two observations. */
    public static @Nullable Interval meanInterval(long n, double mean, double variance, double level) {
        if (n < 2) {
            return null;
        }
        double t = TDistribution.of((double) (n - 1)).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * Math.sqrt(variance / n);
        return new Interval(mean - half, mean + half);
    }

    /** The Wilson score interval of a proportion (Wilson 1927); null without observations. */
    public static @Nullable Interval wilson(long successes, long n, double level) {
        if (n == 0) {
            return null;
        }
        double z = z(1 - (1 - level) / 2);
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, center - half), Math.min(1, center + half));
    }

    /**
     * Welch's unequal-variances t-test of the mean scores (b - a) and its interval at {@code level} with the
     * Welch–Satterthwaite degrees of freedom; no p-value below two turns in either variant.
     */
    public static Difference welch(VariantSummary a, VariantSummary b, double level) {
        double estimate = b.meanScore() - a.meanScore();
        if (a.n() < 2 || b.n() < 2) {
            return new Difference(estimate, null, null);
        }
        double va = a.scoreVariance() / a.n();
        double vb = b.scoreVariance() / b.n();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            // every score of both variants equal: the difference is exact
            return new Difference(estimate, new Interval(estimate, estimate), estimate == 0 ? 1.0 : 0.0);
        }
        TTest.Result test = TTest.withDefaults()
                .with(DataDispersion.HETEROSCEDASTIC)
                .test(b.meanScore(), b.scoreVariance(), b.n(), a.meanScore(), a.scoreVariance(), a.n());
        double t = TDistribution.of(test.getDegreesOfFreedom()).inverseCumulativeProbability(1 - (1 - level) / 2);
        return new Difference(estimate, new Interval(estimate - t * se, estimate + t * se), test.getPValue());
    }

    /**
     * The pass rates' difference (b - a): Pearson's chi-square test of the 2x2 table of passes and failures (without
     * continuity correction, the pooled two-proportion z-test) and a Wald interval at {@code level}.
     */
    public static Difference proportions(VariantSummary a, VariantSummary b, double level) {
        if (a.n() == 0 || b.n() == 0) {
            return new Difference(0, null, null);
        }
        double pa = (double) a.passes() / a.n();
        double pb = (double) b.passes() / b.n();
        double estimate = pb - pa;
        double half = z(1 - (1 - level) / 2) * Math.sqrt(pa * (1 - pa) / a.n() + pb * (1 - pb) / b.n());
        long passes = a.passes() + b.passes();
        long failures = a.n() + b.n() - passes;
        if (passes == 0 || failures == 0) {
            // all passed or all failed: no difference to test (the table has an empty column)
            return new Difference(estimate, new Interval(estimate - half, estimate + half), 1.0);
        }
        double p = ChiSquareTest.withDefaults()
                .test(new long[][] {{a.passes(), a.n() - a.passes()}, {b.passes(), b.n() - b.passes()}})
                .getPValue();
        return new Difference(estimate, new Interval(estimate - half, estimate + half), p);
    }

    /**
     * Turns per variant a two-sided two-sample test at {@code alpha} needs to detect a difference {@code mde} of the
     * means with {@code power}, for scores of standard deviation {@code sd}: {@code n = 2 (z(1 - alpha/2) +
     * z(power))^2 sd^2 / mde^2}, rounded up (the normal approximation, e.g. Chow, Shao & Wang, "Sample Size
     * Calculations in Clinical Research", 2nd ed., 2008, section 3.2.1).
     */
    public static long requiredPerVariant(double alpha, double power, double mde, double sd) {
        double z = z(1 - alpha / 2) + z(power);
        return (long) Math.ceil(2 * z * z * sd * sd / (mde * mde));
    }

    private static double z(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }
}
