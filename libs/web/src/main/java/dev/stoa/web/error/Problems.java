package dev.stoa.web.error;

/** The snake_case naming of field paths in problems (the codes live in {@link dev.stoa.common.error.ProblemCodes}). */
public final class Problems {
    private Problems() {}

    /**
     * A Java property path as the API spells it: {@code members[0].displayName} becomes
     * {@code members[0].display_name}, the way Jackson's SNAKE_CASE strategy names each property.
     */
    public static String snakeCase(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        boolean previousUpper = false;
        boolean segmentStart = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isUpperCase(c)) {
                if (!previousUpper && !segmentStart && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
                previousUpper = true;
            } else {
                out.append(c);
                previousUpper = false;
            }
            segmentStart = c == '.' || c == '[' || c == ']';
        }
        return out.toString();
    }
}
