package dev.stoa.eval.domain.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Paired statistics of two runs over the same cases: the mean difference (b - a) with a paired-bootstrap 95 %
 * confidence interval (percentile method, seeded so a comparison always reports the same interval), the Wilcoxon
 * signed-rank test for continuous scores and McNemar's exact test (a two-sided binomial test of the discordant pairs)
 * for pass/fail; the tests come from Apache Commons Statistics.
 */
public final class PairedStats {
    /** Bootstrap resamples. */
    public static final int RESAMPLES = 10_000;
    /** Seed of the bootstrap, fixed so the interval is reproducible. */
    public static final long SEED = 20_260_101L;

    private PairedStats() {}

    /** Mean of {@code b[i] - a[i]}. */
    public static double meanDifference(double[] a, double[] b) {
        check(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += b[i] - a[i];
        }
        return a.length == 0 ? 0 : sum / a.length;
    }

    /** The 95 % percentile interval of the mean difference over {@link #RESAMPLES} paired resamples. */
    public static double[] bootstrapInterval(double[] a, double[] b) {
        check(a, b);
        int n = a.length;
        if (n == 0) {
            return new double[] {0, 0};
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                sum += b[k] - a[k];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {quantile(means, 0.025), quantile(means, 0.975)};
    }

    /**
     * Two-sided p-value of the Wilcoxon signed-rank test of the paired differences (exact for small samples without
     * ties, else the normal approximation with continuity correction); 1 when every difference is zero.
     */
    public static double wilcoxon(double[] a, double[] b) {
        check(a, b);
        boolean anyDifference = false;
        for (int i = 0; i < a.length; i++) {
            anyDifference |= a[i] != b[i];
        }
        if (!anyDifference) {
            return 1;
        }
        return WilcoxonSignedRankTest.withDefaults().test(b, a).getPValue();
    }

    /**
     * Two-sided p-value of McNemar's exact test: of the pairs where exactly one run passed ({@code onlyA} +
     * {@code onlyB}), is the split consistent with 50/50? 1 when no pair is discordant.
     */
    public static double mcnemarExact(int onlyA, int onlyB) {
        int n = onlyA + onlyB;
        if (n == 0) {
            return 1;
        }
        return BinomialTest.withDefaults()
                .with(AlternativeHypothesis.TWO_SIDED)
                .test(n, onlyA, 0.5)
                .getPValue();
    }

    /** Whether every score is 0 or 1 (a pass/fail scorer), so McNemar rather than Wilcoxon fits. */
    public static boolean binary(double[]... scores) {
        for (double[] s : scores) {
            for (double v : s) {
                if (v != 0 && v != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length");
        }
    }
}
