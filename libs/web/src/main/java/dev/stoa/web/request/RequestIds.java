package dev.stoa.web.request;

import dev.stoa.common.id.Ids;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The request id of an HTTP request: the caller's {@code X-Request-Id} when well-formed, else a new one. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {}

    /** The id the {@link RequestIdFilter} assigned, or a new one bound to the request if it did not run. */
    public static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = resolve(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** The incoming id if it is safe to echo and log (no spaces, quotes or control characters), else a new one. */
    public static String resolve(@Nullable String incoming) {
        return incoming != null && VALID.matcher(incoming).matches() ? incoming : Ids.generate("req");
    }
}
