package dev.stoa.eval.domain.model;

/**
 * The judged turns of one variant as sufficient statistics: n, the mean and the sample variance of the scores, and
 * how many passed.
 */
public record VariantSummary(long n, double meanScore, double scoreVariance, long passes) {
    public static final VariantSummary EMPTY = new VariantSummary(0, 0, 0, 0);
}
