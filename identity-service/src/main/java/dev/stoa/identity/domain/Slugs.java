package dev.stoa.identity.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL-safe org slugs: lower-case letters, digits and dashes, 2 to 63 characters. */
public final class Slugs {
    /** What a slug looks like (also shown in the API document). */
    public static final String FORMAT = "[a-z0-9][a-z0-9-]{1,62}";

    public static final Pattern VALID = Pattern.compile(FORMAT);

    private Slugs() {}

    public static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48).replaceAll("-+$", "");
        }
        return slug.length() < 2 ? "org-" + slug : slug;
    }
}
