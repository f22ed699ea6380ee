package dev.stoa.agent.api.rest;

import dev.stoa.common.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic locking on the wire: agent responses carry {@code ETag: "<version>"}; a write may send it back as
 * {@code If-Match} (or as a {@code version} body field). A stale version is answered 409 {@code version_conflict}.
 */
final class Preconditions {
    static final String IF_MATCH = "If-Match";
    static final String VERSION_CONFLICT =
            "version_conflict: the agent is at another version than If-Match (or the body's version) said.";
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?([0-9]{1,9})\"?");

    private Preconditions() {}

    /** The version the caller expects, or null when it sent none ({@code *} also means none). */
    static @Nullable Integer expected(@Nullable String ifMatch, @Nullable Integer bodyVersion) {
        Integer header = parse(ifMatch);
        if (header != null && bodyVersion != null && !header.equals(bodyVersion)) {
            throw new InvalidInputException("version", "differs from the If-Match header");
        }
        if (bodyVersion != null && bodyVersion < 1) {
            throw new InvalidInputException("version", "must be a version number (1 or more)");
        }
        return header != null ? header : bodyVersion;
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    private static @Nullable Integer parse(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch.strip());
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1) {
            throw new InvalidInputException(IF_MATCH, "must be an agent version as its ETag gave it, e.g. \"3\"");
        }
        return Integer.parseInt(matcher.group(1));
    }
}
