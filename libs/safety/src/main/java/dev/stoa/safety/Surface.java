package dev.stoa.safety;

import java.util.Locale;
import java.util.Optional;

/** Where in a turn a text comes from: a policy applies to the surfaces it lists. */
public enum Surface {
    USER_INPUT,
    MODEL_OUTPUT,
    TOOL_ARGUMENTS,
    TOOL_RESULTS;

    /** The wire id, e.g. {@code user_input}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The surface with this wire id, if there is one (exact, lower case). */
    public static Optional<Surface> fromId(String id) {
        for (Surface s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
