package dev.stoa.common.error;

/** A well-formed request the current state forbids (e.g. demoting the last owner). */
public final class FailedPreconditionException extends StoaException {
    public FailedPreconditionException(String code, String message) {
        super(ErrorKind.FAILED_PRECONDITION, code, message);
    }
}
