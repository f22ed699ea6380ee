package dev.stoa.safety;

import java.util.Locale;
import java.util.Optional;

/** What a policy does with a detector's findings; ordered by severity. */
public enum SafetyAction {
    /** Record the finding, leave the text as it is. */
    FLAG,
    /** Replace the match with {@code [REDACTED:<detector>]}. */
    REDACT,
    /** Refuse the text altogether. */
    BLOCK;

    /** The wire id, e.g. {@code redact}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action with this wire id, if there is one (exact, lower case). */
    public static Optional<SafetyAction> fromId(String id) {
        for (SafetyAction a : values()) {
            if (a.id().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
