package dev.stoa.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.common.error.StoaException.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem body: the one error shape of every Stoa HTTP answer, whether a service or the gateway wrote
 * it. Property names are fixed here so the wire shape does not depend on any mapper's naming strategy.
 *
 * @param code the stable machine code ({@link ProblemCodes} or a domain code); {@code type} ends with it
 * @param instance the path the client called
 * @param retryable whether the same request may simply be sent again later
 * @param requestId the request's {@code X-Request-Id}, to quote when reporting the failure
 * @param errors the invalid fields of a {@code validation_failed} problem (absent when there are none)
 */
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("code") String code,
        @JsonProperty("retryable") boolean retryable,
        @JsonProperty("request_id") String requestId,

        @JsonProperty("errors") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<FieldError> errors) {

    /** Prefix of every problem type URI; the code completes it. */
    public static final String TYPE_PREFIX = "https://stoa.dev/problems/";

    public Problem {
        errors = List.copyOf(errors);
    }

    /** A problem with its {@code type} and {@code title} derived from the code and the status. */
    public static Problem of(
            int status,
            String code,
            String detail,
            String instance,
            boolean retryable,
            String requestId,
            List<FieldError> errors) {
        return new Problem(
                TYPE_PREFIX + code,
                ProblemCodes.title(status),
                status,
                detail,
                instance,
                code,
                retryable,
                requestId,
                errors);
    }

    /** A problem that is not about fields and not retryable. */
    public static Problem of(int status, String code, String detail, String instance, String requestId) {
        return of(status, code, detail, instance, false, requestId, List.of());
    }

    /** The problem describing a domain exception; the detail of an internal failure is replaced by a generic one. */
    public static Problem of(StoaException e, String instance, String requestId) {
        String detail = e.kind() == ErrorKind.INTERNAL ? ProblemCodes.INTERNAL_DETAIL : e.getMessage();
        return of(
                e.kind().httpStatus(),
                e.code(),
                detail == null ? "" : detail,
                instance,
                e.retryable(),
                requestId,
                e.fieldErrors());
    }
}
