package dev.stoa.common.error;

import java.util.List;

/**
 * Base of every domain exception: a kind (mapped to a status per transport), a stable machine code, and
 * whether the same request may simply be retried. Messages must never contain secrets.
 */
public class StoaException extends RuntimeException {
    private final ErrorKind kind;
    private final String code;
    private final boolean retryable;
    private final List<FieldError> fieldErrors;

    public StoaException(ErrorKind kind, String code, String message) {
        this(kind, code, message, false, List.of(), null);
    }

    public StoaException(
            ErrorKind kind,
            String code,
            String message,
            boolean retryable,
            List<FieldError> fieldErrors,
            @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.retryable = retryable;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** One invalid field: its snake_case path and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
