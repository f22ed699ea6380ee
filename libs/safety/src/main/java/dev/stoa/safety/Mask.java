package dev.stoa.safety;

/** Masked previews: enough of a match for a person to recognise it, never enough to use it. */
final class Mask {

    private static final int MAX_STARS = 8;

    private Mask() {}

    /**
     * Keeps {@code head} leading and {@code tail} trailing characters of {@code raw} and stars the rest; a match too
     * short to keep both with at least as many hidden characters as shown is starred entirely.
     */
    static String edges(CharSequence raw, int head, int tail) {
        int n = raw.length();
        if (head + tail > n - Math.max(4, head + tail)) {
            return stars(n);
        }
        return raw.subSequence(0, head) + stars(n - head - tail) + raw.subSequence(n - tail, n);
    }

    static String stars(int n) {
        return "*".repeat(Math.min(Math.max(n, 1), MAX_STARS));
    }

    /** The digits and letters of {@code raw}, without separators. */
    static String compact(CharSequence raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
