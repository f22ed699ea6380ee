package dev.stoa.eval.domain.scoring;

/** A model that grades an answer against a rubric; one per run and case (it knows the model and whom to charge). */
@FunctionalInterface
public interface Judge {
    /** The verdict; throws a StoaException when the model cannot be reached or answers nonsense. */
    Verdict judge(String rubric, Observation observation);

    /** A judge's grade in 0..1 and its reasoning. */
    record Verdict(double score, String reasoning) {}
}
