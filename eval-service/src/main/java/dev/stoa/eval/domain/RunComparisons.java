package dev.stoa.eval.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.eval.domain.model.CaseResult;
import dev.stoa.eval.domain.model.Comparison;
import dev.stoa.eval.domain.model.Comparison.CaseDiff;
import dev.stoa.eval.domain.model.Comparison.ScorerStats;
import dev.stoa.eval.domain.model.Run;
import dev.stoa.eval.domain.port.RunRepository;
import dev.stoa.eval.domain.scoring.ScoreResult;
import dev.stoa.eval.domain.stats.PairedStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Compares two runs over the same dataset version: the first agent version of each (a side-by-side run compared with
 * itself compares its two versions). Cases count where both runs have a scored result.
 */
@Service
public final class RunComparisons {
    private final RunRepository runs;

    public RunComparisons(RunRepository runs) {
        this.runs = runs;
    }

    public Comparison compare(Principal principal, String runAId, String runBId) {
        String orgId = Access.read(principal);
        Run a = runs.find(orgId, runAId).orElseThrow(() -> Fields.notFound("run_a", "run " + runAId + " not found"));
        Run b = runs.find(orgId, runBId).orElseThrow(() -> Fields.notFound("run_b", "run " + runBId + " not found"));
        if (!a.datasetId().equals(b.datasetId()) || a.datasetVersion() != b.datasetVersion()) {
            throw Fields.unprocessable(
                    "different_datasets",
                    "run_b",
                    "run_b ran another dataset version than run_a; compare needs the same");
        }
        int versionA = a.agentVersions().getFirst();
        int versionB = a.id().equals(b.id()) && b.agentVersions().size() > 1
                ? b.agentVersions().get(1)
                : b.agentVersions().getFirst();
        Map<String, CaseResult> left = byCase(runs.allResults(orgId, a.id()), versionA);
        Map<String, CaseResult> right = byCase(runs.allResults(orgId, b.id()), versionB);
        List<CaseDiff> cases = new ArrayList<>();
        List<CaseResult[]> paired = new ArrayList<>();
        for (Map.Entry<String, CaseResult> entry : left.entrySet()) {
            CaseResult ra = entry.getValue();
            CaseResult rb = right.get(entry.getKey());
            Map<String, Double> sa = scores(ra);
            Map<String, Double> sb = rb == null ? Map.of() : scores(rb);
            cases.add(new CaseDiff(
                    entry.getKey(),
                    done(ra) ? ra.passed() : null,
                    rb != null && done(rb) ? rb.passed() : null,
                    sa,
                    sb,
                    rb == null || !sa.equals(sb) || !Objects.equals(ra.passed(), rb.passed())));
            if (rb != null && done(ra) && done(rb)) {
                paired.add(new CaseResult[] {ra, rb});
            }
        }
        TreeSet<String> names = new TreeSet<>();
        paired.forEach(p -> names.addAll(scores(p[0]).keySet()));
        List<ScorerStats> scorers = new ArrayList<>();
        for (String name : names) {
            List<double[]> pairs = new ArrayList<>();
            List<boolean[]> passes = new ArrayList<>();
            for (CaseResult[] p : paired) {
                ScoreResult x = find(p[0], name);
                ScoreResult y = find(p[1], name);
                if (x != null && y != null) {
                    pairs.add(new double[] {x.score(), y.score()});
                    passes.add(new boolean[] {x.passed(), y.passed()});
                }
            }
            scorers.add(stats(name, pairs, passes));
        }
        List<double[]> overall = new ArrayList<>();
        List<boolean[]> overallPasses = new ArrayList<>();
        for (CaseResult[] p : paired) {
            boolean pa = Boolean.TRUE.equals(p[0].passed());
            boolean pb = Boolean.TRUE.equals(p[1].passed());
            overall.add(new double[] {pa ? 1 : 0, pb ? 1 : 0});
            overallPasses.add(new boolean[] {pa, pb});
        }
        return new Comparison(
                a.id(), versionA, b.id(), versionB, cases, scorers, stats("pass_rate", overall, overallPasses));
    }

    static ScorerStats stats(String name, List<double[]> pairs, List<boolean[]> passes) {
        int n = pairs.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1];
        }
        int passedA = 0;
        int passedB = 0;
        int onlyA = 0;
        int onlyB = 0;
        for (boolean[] p : passes) {
            passedA += p[0] ? 1 : 0;
            passedB += p[1] ? 1 : 0;
            onlyA += p[0] && !p[1] ? 1 : 0;
            onlyB += !p[0] && p[1] ? 1 : 0;
        }
        double[] ci = PairedStats.bootstrapInterval(x, y);
        boolean binary = PairedStats.binary(x, y);
        double passP = PairedStats.mcnemarExact(onlyA, onlyB);
        return new ScorerStats(
                name,
                n,
                mean(x),
                mean(y),
                PairedStats.meanDifference(x, y),
                ci[0],
                ci[1],
                binary ? "mcnemar_exact" : "wilcoxon_signed_rank",
                binary ? passP : PairedStats.wilcoxon(x, y),
                passedA,
                passedB,
                passP);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static boolean done(CaseResult r) {
        return CaseResult.DONE.equals(r.status());
    }

    private static Map<String, CaseResult> byCase(List<CaseResult> results, int version) {
        Map<String, CaseResult> map = new LinkedHashMap<>();
        results.stream().filter(r -> r.agentVersion() == version).forEach(r -> map.put(r.caseId(), r));
        return map;
    }

    private static Map<String, Double> scores(CaseResult r) {
        Map<String, Double> map = new LinkedHashMap<>();
        r.scores().forEach(s -> map.put(s.scorer(), s.score()));
        return map;
    }

    private static @Nullable ScoreResult find(CaseResult r, String scorer) {
        return r.scores().stream()
                .filter(s -> s.scorer().equals(scorer))
                .findFirst()
                .orElse(null);
    }
}
