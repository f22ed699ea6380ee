package dev.stoa.eval.domain;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import java.util.List;

/** Errors that name the request field they are about (404 and 422 as well as 400). */
final class Fields {
    private Fields() {}

    static StoaException notFound(String field, String message) {
        return new StoaException(
                ErrorKind.NOT_FOUND,
                "not_found",
                message,
                false,
                List.of(new StoaException.FieldError(field, message)),
                null);
    }

    static StoaException unprocessable(String code, String field, String message) {
        return new StoaException(
                ErrorKind.FAILED_PRECONDITION,
                code,
                message,
                false,
                List.of(new StoaException.FieldError(field, message)),
                null);
    }
}
