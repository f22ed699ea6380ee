package dev.stoa.memory.domain;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import java.util.List;

/** A memory-config change that breaks a rule (422), naming the field. */
public final class ConfigRejectedException extends StoaException {
    public ConfigRejectedException(String field, String message) {
        super(
                ErrorKind.FAILED_PRECONDITION,
                "validation_failed",
                field + ": " + message,
                false,
                List.of(new FieldError(field, message)),
                null);
    }
}
