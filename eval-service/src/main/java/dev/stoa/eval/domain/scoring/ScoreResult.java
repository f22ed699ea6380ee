package dev.stoa.eval.domain.scoring;

/** One scorer's verdict on one case: a score in 0..1, whether it passed, and why (shown to people). */
public record ScoreResult(String scorer, double score, boolean passed, String reasoning) {
    public ScoreResult {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in 0..1: " + score);
        }
    }

    static ScoreResult pass(String scorer, boolean passed, String reasoning) {
        return new ScoreResult(scorer, passed ? 1 : 0, passed, reasoning);
    }
}
