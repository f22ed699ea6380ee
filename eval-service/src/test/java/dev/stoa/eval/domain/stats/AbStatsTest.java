package dev.stoa.eval.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stoa.eval.domain.model.VariantSummary;
import dev.stoa.eval.domain.stats.AbStats.Difference;
import dev.stoa.eval.domain.stats.AbStats.Interval;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The A/B statistics against published values and ones computed here by hand. */
class AbStatsTest {
    /** R's {@code sleep} data (Cushny & Peebles 1905, as in Student 1908): extra sleep under two drugs. */
    private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};

    private static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void welchMatchesRsTTestOnTheSleepData() {
        // R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939,
        // 95 percent confidence interval: -3.3654832 0.2054832 (group 1 - group 2)
        Difference d = AbStats.welch(summary(SLEEP_2), summary(SLEEP_1), 0.95);

        assertThat(d.estimate()).isCloseTo(-1.58, within(1e-12));
        assertThat(d.pValue()).isCloseTo(0.07939, within(5e-6));
        Interval ci = Objects.requireNonNull(d.ci());
        assertThat(ci.low()).isCloseTo(-3.3654832, within(1e-6));
        assertThat(ci.high()).isCloseTo(0.2054832, within(1e-6));
    }

    @Test
    void meanIntervalMatchesRsOneSampleTTest() {
        // R: t.test(sleep$extra[1:10]) -> 95 percent confidence interval: -0.5297804 2.0297804
        VariantSummary s = summary(SLEEP_1);

        Interval ci = Objects.requireNonNull(AbStats.meanInterval(s.n(), s.meanScore(), s.scoreVariance(), 0.95));

        assertThat(ci.low()).isCloseTo(-0.5297804, within(1e-6));
        assertThat(ci.high()).isCloseTo(2.0297804, within(1e-6));
        assertThat(AbStats.meanInterval(1, 0.5, 0, 0.95)).isNull();
    }

    @Test
    void wilsonMatchesNewcombesTable() {
        // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857-872,
        // the score method (no continuity correction) on its examples 81/263, 15/148, 0/20 and 1/29
        assertInterval(AbStats.wilson(81, 263, 0.95), 0.2553, 0.3662);
        assertInterval(AbStats.wilson(15, 148, 0.95), 0.0624, 0.1605);
        assertInterval(AbStats.wilson(0, 20, 0.95), 0.0, 0.1611);
        assertInterval(AbStats.wilson(1, 29, 0.95), 0.0061, 0.1718);
        assertThat(AbStats.wilson(0, 0, 0.95)).isNull();
    }

    @Test
    void proportionsTestIsThePooledTwoProportionZTest() {
        // a: 45 of 100 pass, b: 60 of 100; pooled p = 0.525, z = 0.15 / sqrt(0.525 * 0.475 * (2 / 100))
        VariantSummary a = new VariantSummary(100, 0.5, 0.1, 45);
        VariantSummary b = new VariantSummary(100, 0.5, 0.1, 60);
        double z = 0.15 / Math.sqrt(0.525 * 0.475 * 0.02);
        double twoSided = erfc(z / Math.sqrt(2));

        Difference d = AbStats.proportions(a, b, 0.95);

        assertThat(d.estimate()).isCloseTo(0.15, within(1e-12));
        assertThat(d.pValue()).isCloseTo(twoSided, within(1e-9));
        double half = 1.959963984540054 * Math.sqrt(0.45 * 0.55 / 100 + 0.6 * 0.4 / 100);
        Interval ci = Objects.requireNonNull(d.ci());
        assertThat(ci.low()).isCloseTo(0.15 - half, within(1e-9));
        assertThat(ci.high()).isCloseTo(0.15 + half, within(1e-9));
    }

    @Test
    void sampleSizeIsTheNormalApproximationPowerAnalysis() {
        // Cohen's d = 0.5 at alpha 0.05 (two-sided) and power 0.8: 2 (1.959964 + 0.841621)^2 / 0.25 = 62.79 -> 63
        // per group (the normal approximation; Cohen's 1988 t-based table gives 64)
        assertThat(AbStats.requiredPerVariant(0.05, 0.8, 0.5, 1)).isEqualTo(63);
        // scores in [0, 1] (sd at most 0.5), a difference of 0.1: 392.44 -> 393
        assertThat(AbStats.requiredPerVariant(0.05, 0.8, 0.1, 0.5)).isEqualTo(393);
    }

    @Test
    void noVerdictBeforeTheHorizonThenTheScoreTestDecides() {
        VariantSummary a = new VariantSummary(20, 0.3, 0.01, 2);
        VariantSummary better = new VariantSummary(20, 0.9, 0.01, 20);

        assertThat(AbStats.of(a, better, 0.05, 0.5, 25).decision()).isEqualTo(AbStats.Decision.COLLECTING);
        AbStats.Result done = AbStats.of(a, better, 0.05, 0.5, null);
        assertThat(done.requiredPerVariant()).isEqualTo(16);
        assertThat(done.decision()).isEqualTo(AbStats.Decision.B_BETTER);
        assertThat(AbStats.of(better, a, 0.05, 0.5, null).decision()).isEqualTo(AbStats.Decision.A_BETTER);
        assertThat(AbStats.of(a, new VariantSummary(20, 0.31, 0.01, 2), 0.05, 0.5, null)
                        .decision())
                .isEqualTo(AbStats.Decision.NO_DIFFERENCE);
    }

    private static void assertInterval(Interval ci, double low, double high) {
        assertThat(ci).isNotNull();
        assertThat(ci.low()).isCloseTo(low, within(5e-5));
        assertThat(ci.high()).isCloseTo(high, within(5e-5));
    }

    private static VariantSummary summary(double[] xs) {
        double mean = 0;
        for (double x : xs) {
            mean += x / xs.length;
        }
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return new VariantSummary(xs.length, mean, ss / (xs.length - 1), 0);
    }

    /** erfc by its continued fraction-free series form (Abramowitz & Stegun 7.1.26 is too coarse): 1 - erf. */
    private static double erfc(double x) {
        // erf(x) = 2/sqrt(pi) * sum_{n>=0} (-1)^n x^(2n+1) / (n! (2n+1)), converging fast for the x used here
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 1 - 2 / Math.sqrt(Math.PI) * sum;
    }
}
