package dev.stoa.common.input;

import dev.stoa.common.error.StoaException.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link InputRules} for the parts of a request URI, as the client sent them (still percent-encoded): each path
 * segment and each query parameter must be valid percent-encoded UTF-8 using only the characters RFC 3986 allows
 * unencoded, and decode to acceptable text. Path segments must not decode to a dot segment or hide a slash or
 * backslash. Errors name the query parameter, or {@code path}.
 */
public final class UriRules {
    /** The field naming a problem in the path (the gateway cannot know the parameter's name). */
    public static final String PATH = "path";
    /** The field naming a query parameter whose own name is unreadable. */
    public static final String QUERY = "query";

    private static final String NOT_ENCODED = "is not valid percent-encoded UTF-8";

    private UriRules() {}

    /** What is wrong with the segments of a raw path. */
    public static List<FieldError> pathErrors(String rawPath) {
        List<FieldError> errors = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            String decoded = legal(segment, false) ? PercentDecoding.decode(segment, false) : null;
            String problem;
            if (decoded == null) {
                problem = NOT_ENCODED;
            } else if (decoded.equals(".") || decoded.equals("..")) {
                problem = "must not contain dot segments";
            } else if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0) {
                problem = "must not contain encoded slashes or backslashes";
            } else {
                problem = InputRules.violation(decoded, false);
            }
            if (problem != null) {
                errors.add(new FieldError(PATH, problem));
                break;
            }
        }
        return errors;
    }

    /** What is wrong with the parameters of a raw query string, each named by its (decoded) parameter name. */
    public static List<FieldError> queryErrors(@Nullable String rawQuery) {
        List<FieldError> errors = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return errors;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = legal(rawName, true) ? PercentDecoding.decode(rawName, true) : null;
            if (name == null || !InputRules.acceptable(name, false)) {
                errors.add(new FieldError(QUERY, "has a parameter name that is not valid percent-encoded text"));
                continue;
            }
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String value = legal(rawValue, true) ? PercentDecoding.decode(rawValue, true) : null;
            String problem = value == null ? NOT_ENCODED : InputRules.violation(value, true);
            if (problem != null) {
                errors.add(new FieldError(name, problem));
            }
        }
        return errors;
    }

    /** Whether a raw component uses only unreserved, sub-delim, ':', '@', '%' (and '/', '?' in a query). */
    private static boolean legal(String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@%".indexOf(c) >= 0
                    || (query && (c == '/' || c == '?'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
