package dev.stoa.web.error;

/** Stable problem codes for HTTP-level failures, and the snake_case naming of field paths. */
public final class Problems {
    public static final String INTERNAL_DETAIL = "an unexpected error occurred; quote the request id when reporting it";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String NOT_FOUND = "not_found";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String PERMISSION_DENIED = "permission_denied";
    public static final String INVALID_TOKEN = "invalid_token";

    private Problems() {}

    /** The code of a failure known only by its HTTP status (framework exceptions, container errors). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable_content";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> status >= 500 ? INTERNAL_ERROR : "http_" + status;
        };
    }

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
