package dev.stoa.common.error;

/**
 * The stable {@code code}s of failures that are about HTTP rather than a domain rule, shared by the services and the
 * gateway so that the same failure carries the same code wherever it is detected; and the title of each status.
 */
public final class ProblemCodes {
    public static final String INTERNAL_DETAIL = "an unexpected error occurred; quote the request id when reporting it";

    public static final String BAD_REQUEST = "bad_request";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String MALFORMED_JSON = "malformed_json";
    /** The request line or headers could not be parsed at all (the web server refused it before any handler). */
    public static final String MALFORMED_REQUEST = "malformed_request";

    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String INVALID_TOKEN = "invalid_token";
    public static final String PERMISSION_DENIED = "permission_denied";
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String CONFLICT = "conflict";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String URI_TOO_LONG = "uri_too_long";
    public static final String HEADERS_TOO_LARGE = "headers_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String UNPROCESSABLE_CONTENT = "unprocessable_content";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String UNAVAILABLE = "unavailable";
    public static final String TIMEOUT = "timeout";
    /** The gateway could not reach the service that owns the path. */
    public static final String UPSTREAM_UNAVAILABLE = "upstream_unavailable";
    /** The service that owns the path did not answer the gateway in time. */
    public static final String UPSTREAM_TIMEOUT = "upstream_timeout";

    private ProblemCodes() {}

    /** The code of a failure known only by its HTTP status (framework exceptions, container errors). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE_CONTENT;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR : "http_" + status;
        };
    }

    /** The problem {@code title}: the status's reason phrase (RFC 9110), or "Error" for an unusual status. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
