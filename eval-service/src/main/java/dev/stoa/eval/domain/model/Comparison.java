package dev.stoa.eval.domain.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Two runs over the same dataset version, case by case (b against a).
 *
 * @param cases per case: pass/fail and scores in each run, and whether they differ
 * @param scorers per scorer over the cases both runs scored with it
 * @param passRate the all-scorers-passed outcome compared the same way (McNemar)
 */
public record Comparison(
        String runA,
        int versionA,
        String runB,
        int versionB,
        List<CaseDiff> cases,
        List<ScorerStats> scorers,
        ScorerStats passRate) {

    /** One case in both runs; null sides when a run has no result for it (pending or error). */
    public record CaseDiff(
            String caseId,
            @Nullable Boolean passedA,
            @Nullable Boolean passedB,
            Map<String, Double> scoresA,
            Map<String, Double> scoresB,
            boolean changed) {}

    /**
     * One scorer: {@code n} paired cases, means, the mean difference b - a with its 95 % bootstrap interval, the
     * p-value of {@code test} ({@code wilcoxon_signed_rank} for continuous scores, {@code mcnemar_exact} for 0/1), and
     * the passes of each run with McNemar's exact p-value on them.
     */
    public record ScorerStats(
            String scorer,
            int n,
            double meanA,
            double meanB,
            double meanDifference,
            double ciLow,
            double ciHigh,
            String test,
            double pValue,
            int passedA,
            int passedB,
            double passPValue) {}
}
