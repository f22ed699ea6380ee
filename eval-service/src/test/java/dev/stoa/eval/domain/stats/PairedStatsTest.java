package dev.stoa.eval.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The paired statistics against published examples and values computed here independently. */
class PairedStatsTest {

    /**
     * Hollander &amp; Wolfe, Nonparametric Statistical Methods (1973), p. 29f. (also the paired example of R's
     * {@code wilcox.test}): Hamilton depression scale of 9 patients at the first (x) and second (y) visit. Published:
     * V = 40, one-sided p = 0.01953, so two-sided p = 0.03906. Independently: V = 40 of at most 45 leaves 10 of the
     * 2^9 sign patterns at least as extreme on one side (the subsets of ranks 1..9 summing to at most 5), 20/512 both
     * sides.
     */
    @Test
    void wilcoxonMatchesHollanderAndWolfe() {
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        // b - a = x - y: a = y, b = x
        double p = PairedStats.wilcoxon(y, x);
        assertThat(p).isCloseTo(20.0 / 512, within(1e-9));
        assertThat(p).isCloseTo(0.03906, within(1e-5));
        assertThat(PairedStats.wilcoxon(x, y)).isCloseTo(p, within(1e-12));
    }

    /**
     * Fagerland, Lydersen &amp; Laake, "The McNemar test for binary matched-pairs data: mid-p and asymptotic are better
     * than exact conditional", BMC Medical Research Methodology 13:91 (2013), Table 1 (airway hyper-responsiveness
     * before and after stem cell transplantation): discordant pairs 1 and 7, published exact conditional p = 0.070.
     * Independently: 2 * P(X &lt;= 1), X ~ Binomial(8, 1/2) = 2 * (1 + 8) / 256.
     */
    @Test
    void mcnemarMatchesFagerlandEtAl() {
        assertThat(PairedStats.mcnemarExact(1, 7)).isCloseTo(18.0 / 256, within(1e-12));
        assertThat(PairedStats.mcnemarExact(7, 1)).isCloseTo(0.070, within(0.0005));
        assertThat(PairedStats.mcnemarExact(0, 0)).isEqualTo(1);
        assertThat(PairedStats.mcnemarExact(3, 3)).isEqualTo(1);
    }

    @Test
    void bootstrapIsSeededAndBracketsTheMean() {
        double[] a = new double[30];
        double[] b = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = (i % 7) / 10.0;
            b[i] = a[i] + 0.2 + ((i % 3) - 1) / 10.0;
        }
        double mean = PairedStats.meanDifference(a, b);
        assertThat(mean).isCloseTo(0.2, within(1e-9));
        double[] ci = PairedStats.bootstrapInterval(a, b);
        assertThat(ci[0]).isLessThan(mean).isGreaterThan(0.1);
        assertThat(ci[1]).isGreaterThan(mean).isLessThan(0.3);
        assertThat(PairedStats.bootstrapInterval(a, b)).containsExactly(ci);
        // a constant difference has no spread: the interval is the point
        assertThat(PairedStats.bootstrapInterval(new double[] {0, 0, 0}, new double[] {1, 1, 1}))
                .containsExactly(1.0, 1.0);
        assertThat(PairedStats.wilcoxon(a, a)).isEqualTo(1);
        assertThat(PairedStats.binary(new double[] {0, 1, 1})).isTrue();
        assertThat(PairedStats.binary(new double[] {0, 0.5})).isFalse();
    }
}
