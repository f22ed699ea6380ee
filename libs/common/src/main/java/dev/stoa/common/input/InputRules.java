package dev.stoa.common.input;

import org.jspecify.annotations.Nullable;

/**
 * What every Stoa API accepts in a string, and the global ceilings on request JSON, in one place so that the
 * services and the gateway refuse the same input (documented in docs/architecture.md, "Input guard").
 *
 * <p>Refused everywhere: NUL (PostgreSQL text and jsonb cannot hold it), unpaired UTF-16 surrogates (they have no
 * UTF-8 form, so they would be stored as '?' or fail) and the other C0 control characters (U+0001-U+001F), which no
 * legitimate text needs and which corrupt logs and terminals. Tab, line feed and carriage return are allowed where
 * text may span lines (JSON string values, query values), never in path segments or JSON property names. Everything else of Unicode is accepted, including DEL, C1 controls, bidirectional marks and emoji.
 */
public final class InputRules {
    /** Deepest nesting of objects and arrays in a request body. */
    public static final int MAX_DEPTH = 32;
    /** Longest string value in a request body, in UTF-16 chars (the longest per-field limit, a prompt block). */
    public static final int MAX_STRING_CHARS = 65_536;
    /** Most elements of one array, or members of one object, in a request body. */
    public static final int MAX_ELEMENTS = 1_000;
    /** Longest property name in a request body. */
    public static final int MAX_NAME_CHARS = 256;
    /** Longest number literal in a request body, in characters. */
    public static final int MAX_NUMBER_CHARS = 100;

    private InputRules() {}

    /**
     * Why {@code text} is refused, as the message of a field error ("must not contain ..."), or null when it is
     * acceptable.
     *
     * @param lineBreaks whether tab, line feed and carriage return are allowed (multi-line text)
     */
    public static @Nullable String violation(CharSequence text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (c < 0x20 && !(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain unpaired surrogates";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain unpaired surrogates";
            }
        }
        return null;
    }

    /** Whether {@code text} is acceptable (see {@link #violation}). */
    public static boolean acceptable(CharSequence text, boolean lineBreaks) {
        return violation(text, lineBreaks) == null;
    }

    /**
     * The global ceilings as one sentence, for problem details and the API document's description.
     */
    public static String describeLimits() {
        return "Request bodies nest at most " + MAX_DEPTH + " levels; a string holds at most " + MAX_STRING_CHARS
                + " characters, a property name " + MAX_NAME_CHARS + ", a number " + MAX_NUMBER_CHARS
                + "; an array or object has at most " + MAX_ELEMENTS + " entries (each field may set lower limits). "
                + "Strings must not contain NUL, unpaired surrogates or control characters other than tab, line "
                + "feed and carriage return (none at all in path segments and property names).";
    }
}
