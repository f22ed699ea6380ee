package dev.stoa.common.error;

/** The request clashes with the current state (duplicate, concurrent update, request in flight). */
public final class ConflictException extends StoaException {
    public ConflictException(String code, String message) {
        super(ErrorKind.CONFLICT, code, message);
    }
}
