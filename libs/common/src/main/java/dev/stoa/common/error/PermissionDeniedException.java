package dev.stoa.common.error;

/** Authenticated, but the role or scopes do not allow this action. */
public final class PermissionDeniedException extends StoaException {
    public PermissionDeniedException(String code, String message) {
        super(ErrorKind.PERMISSION_DENIED, code, message);
    }
}
