package dev.stoa.eval.domain.scoring;

import java.util.Locale;

/** Budget scorers: within budget scores 1, over it budget / actual (so twice the budget scores 0.5). */
final class Budgets {
    private Budgets() {}

    static ScoreResult score(String type, long actual, long budget, String unit) {
        boolean within = actual <= budget;
        double score = within ? 1 : (double) budget / actual;
        return new ScoreResult(
                type,
                score,
                within,
                String.format(
                        Locale.ROOT, "%d %s %s budget %d %s", actual, unit, within ? "within" : "over", budget, unit));
    }
}
