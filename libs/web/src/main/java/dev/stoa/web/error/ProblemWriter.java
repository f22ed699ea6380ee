package dev.stoa.web.error;

import dev.stoa.common.error.Problem;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.web.request.RequestIds;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes {@code application/problem+json} bodies; shared by the controller advice, the error
 * controller, servlet filters and the security entry points so every error looks the same.
 */
public final class ProblemWriter {
    private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);

    private final JsonMapper mapper;

    public ProblemWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The problem describing a domain exception; 5xx details are replaced by a generic one. */
    public Problem problem(HttpServletRequest request, StoaException e) {
        return Problem.of(e, instance(request), RequestIds.of(request));
    }

    public Problem problem(HttpServletRequest request, int status, String code, String detail) {
        return problem(request, status, code, detail, false, List.of());
    }

    public Problem problem(
            HttpServletRequest request,
            int status,
            String code,
            String detail,
            boolean retryable,
            List<FieldError> errors) {
        return Problem.of(status, code, detail, instance(request), retryable, RequestIds.of(request), errors);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, StoaException e) throws IOException {
        write(response, problem(request, e));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String detail)
            throws IOException {
        write(response, problem(request, status, code, detail));
    }

    /** Writes the problem unless the response is already committed (then only logs: nothing can be sent). */
    public void write(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            log.warn(
                    "response already committed, cannot send problem {} (request {})",
                    problem.code(),
                    problem.requestId());
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(RequestIds.HEADER, problem.requestId());
        byte[] body = mapper.writeValueAsBytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String instance(HttpServletRequest request) {
        // On an error dispatch the request URI is /error; the original path is what the client called.
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String path ? path : request.getRequestURI();
    }
}
