package dev.stoa.common.error;

import java.util.List;

/** Input that breaks a rule; names the offending field(s). */
public final class InvalidInputException extends StoaException {
    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(
                ErrorKind.INVALID_ARGUMENT,
                "validation_failed",
                errors.isEmpty()
                        ? "invalid request"
                        : errors.getFirst().field() + ": " + errors.getFirst().message(),
                false,
                errors,
                null);
    }
}
