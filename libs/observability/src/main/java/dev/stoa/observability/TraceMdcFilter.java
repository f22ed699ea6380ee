package dev.stoa.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts {@code trace_id}, {@code span_id} (from a W3C {@code traceparent} header) and {@code request_id} (from
 * {@code X-Request-Id}) in the MDC for the request's log lines, unless something else already did: the OpenTelemetry
 * Java agent sets {@code trace_id}/{@code span_id} itself, {@code stoa-web} sets {@code request_id}. Without the agent
 * the log lines still correlate with the caller's trace.
 */
public final class TraceMdcFilter extends OncePerRequestFilter {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";
    static final String REQUEST_ID = "request_id";
    private static final Pattern TRACEPARENT =
            Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");
    private static final Pattern REQUEST_ID_VALUE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean trace = false;
        boolean requestId = false;
        String traceparent = request.getHeader("traceparent");
        if (traceparent != null && MDC.get(TRACE_ID) == null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches()) {
                MDC.put(TRACE_ID, m.group(1));
                MDC.put(SPAN_ID, m.group(2));
                trace = true;
            }
        }
        String id = request.getHeader("X-Request-Id");
        if (id != null
                && MDC.get(REQUEST_ID) == null
                && REQUEST_ID_VALUE.matcher(id).matches()) {
            MDC.put(REQUEST_ID, id);
            requestId = true;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (trace) {
                MDC.remove(TRACE_ID);
                MDC.remove(SPAN_ID);
            }
            if (requestId) {
                MDC.remove(REQUEST_ID);
            }
        }
    }
}
