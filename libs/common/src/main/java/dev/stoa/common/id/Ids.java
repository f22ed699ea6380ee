package dev.stoa.common.id;

import com.github.f4b6a3.uuid.UuidCreator;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Public ids: a resource prefix, an underscore and a UUIDv7 in lowercase Crockford base32 (26 chars), so ids
 * sort by creation time and say what they name ({@code org_01jd…}, {@code key_01jd…}).
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final Pattern BODY = Pattern.compile("[0-7][0-9a-hjkmnp-tv-z]{25}");

    private Ids() {}

    /** A new time-ordered id with the given prefix (e.g. "org"). */
    public static String generate(String prefix) {
        return prefix + "_" + encode(UuidCreator.getTimeOrderedEpoch());
    }

    /**
     * The same id every time for the same prefix and name (a name-based UUID of {@code name}), for ids derived from
     * another, e.g. the spend event of a turn's memory extraction, which must name one turn however often it is made.
     * Not time-ordered.
     */
    public static String derived(String prefix, String name) {
        return prefix + "_" + encode(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code value} is a well-formed id with this prefix. */
    public static boolean isValid(String prefix, String value) {
        return value.length() == prefix.length() + 27
                && value.startsWith(prefix + "_")
                && BODY.matcher(value.substring(prefix.length() + 1)).matches();
    }

    static String encode(UUID uuid) {
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        char[] out = new char[26];
        // 128 bits as 26 base32 digits: the first digit carries the top 3 bits.
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi >>>= 5;
        }
        return new String(out);
    }
}
