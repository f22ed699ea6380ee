package dev.stoa.web.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.common.error.StoaException.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem body. Property names are fixed here so the wire shape does not depend on the naming
 * strategy of the service's JSON mapper.
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
}
