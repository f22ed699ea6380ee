package dev.stoa.common.page;

import dev.stoa.common.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors: the sort key of the last item seen, base64url with a version tag. */
public final class Cursors {
    private static final String VERSION = "v1:";

    private Cursors() {}

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((VERSION + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(VERSION) || raw.length() == VERSION.length() || raw.length() > 512) {
                throw new IllegalArgumentException();
            }
            return raw.substring(VERSION.length());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }
}
