package dev.stoa.web.error;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.ProblemCodes;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.web.request.BodyLimitFilter;
import dev.stoa.web.request.BodyTooLargeException;
import dev.stoa.web.request.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The one REST error mapper: every exception a controller lets escape becomes {@code application/problem+json}
 * with a stable {@code code}. Runs last so a service's own advice can still handle its exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public final class ProblemAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final ProblemWriter writer;

    public ProblemAdvice(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(StoaException.class)
    public void stoa(StoaException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e.kind() == ErrorKind.INTERNAL || e.kind() == ErrorKind.UNAVAILABLE) {
            log.error("request {} failed: {}", RequestIds.of(request), e.code(), e);
        }
        writer.write(request, response, e);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public void invalidBody(MethodArgumentNotValidException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        validation(request, response, ValidationErrors.of(e.getBindingResult()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public void invalidArguments(
            HandlerMethodValidationException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        validation(request, response, ValidationErrors.of(e));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public void constraintViolations(
            ConstraintViolationException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        validation(request, response, ValidationErrors.of(e.getConstraintViolations()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public void unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (tooLarge(e, request)) {
            payloadTooLarge(request, response);
            return;
        }
        List<FieldError> errors = JsonErrors.fieldErrors(e);
        if (errors != null) {
            validation(request, response, errors);
        } else {
            String detail =
                    e.getCause() == null ? "the request body is missing" : "the request body is not well-formed JSON";
            writer.write(request, response, 400, ProblemCodes.MALFORMED_JSON, detail);
        }
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public void missingParameter(
            MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        validation(request, response, List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingPathVariableException.class)
    public void missingPathVariable(
            MissingPathVariableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        validation(request, response, List.of(new FieldError(e.getVariableName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public void missingHeader(MissingRequestHeaderException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        validation(request, response, List.of(new FieldError(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(TypeMismatchException.class)
    public void typeMismatch(TypeMismatchException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String name = e instanceof MethodArgumentTypeMismatchException m
                ? ValidationErrors.parameterName(m.getParameter())
                : String.valueOf(e.getPropertyName());
        String expected = e.getRequiredType() == null
                ? "valid"
                : "a valid " + e.getRequiredType().getSimpleName();
        validation(request, response, List.of(new FieldError(name, "must be " + expected.toLowerCase(Locale.ROOT))));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public void methodNotAllowed(
            HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (e.getSupportedHttpMethods() != null) {
            response.setHeader(
                    HttpHeaders.ALLOW,
                    String.join(
                            ", ",
                            e.getSupportedHttpMethods().stream()
                                    .map(Object::toString)
                                    .toList()));
        }
        writer.write(request, response, 405, "method_not_allowed", "method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public void uploadTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        payloadTooLarge(request, response);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public void accessDenied(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writer.write(request, response, 403, ProblemCodes.PERMISSION_DENIED, "you are not allowed to do this");
    }

    @ExceptionHandler(AuthenticationException.class)
    public void authentication(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writer.write(request, response, 401, ProblemCodes.UNAUTHENTICATED, "authentication is required");
    }

    /** Framework exceptions that carry their own status (404 no resource, 415, 406, 503 async timeout...). */
    @ExceptionHandler(Exception.class)
    public void any(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (tooLarge(e, request)) {
            payloadTooLarge(request, response);
            return;
        }
        if (e instanceof ErrorResponse framework && framework.getStatusCode().value() < 500) {
            int status = framework.getStatusCode().value();
            String detail = framework.getBody().getDetail();
            writer.write(request, response, status, ProblemCodes.codeFor(status), detail == null ? "" : detail);
            return;
        }
        int status =
                e instanceof ErrorResponse framework ? framework.getStatusCode().value() : 500;
        log.error("request {} failed", RequestIds.of(request), e);
        writer.write(request, response, status, ProblemCodes.codeFor(status), ProblemCodes.INTERNAL_DETAIL);
    }

    private void validation(HttpServletRequest request, HttpServletResponse response, List<FieldError> errors)
            throws IOException {
        String detail = errors.isEmpty()
                ? "the request is invalid"
                : errors.getFirst().field() + ": " + errors.getFirst().message();
        writer.write(response, writer.problem(request, 400, ProblemCodes.VALIDATION_FAILED, detail, false, errors));
    }

    private void payloadTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writer.write(request, response, 413, ProblemCodes.PAYLOAD_TOO_LARGE, BodyLimitFilter.detail(request));
    }

    private static boolean tooLarge(Throwable e, HttpServletRequest request) {
        if (BodyLimitFilter.exceeded(request)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
