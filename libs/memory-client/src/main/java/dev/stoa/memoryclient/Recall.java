package dev.stoa.memoryclient;

import java.util.List;

/**
 * What memory answered for a turn: {@code enabled} is false when the agent's memory is off or memory-service could not
 * answer ({@code answered} tells the two apart); {@code facts} are the currently valid ones, most relevant first.
 */
public record Recall(boolean answered, boolean enabled, List<RecalledFact> facts) {
    private static final Recall UNANSWERED = new Recall(false, false, List.of());

    public Recall {
        facts = List.copyOf(facts);
    }

    /** No memory for this turn: memory-service is down, slow, not deployed, or refused the call. */
    public static Recall unanswered() {
        return UNANSWERED;
    }

    public List<String> factIds() {
        return facts.stream().map(RecalledFact::id).toList();
    }
}
