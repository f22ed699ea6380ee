package dev.stoa.common.error;

/** Missing, invalid, expired or revoked credentials. */
public final class UnauthenticatedException extends StoaException {
    public UnauthenticatedException(String code, String message) {
        super(ErrorKind.UNAUTHENTICATED, code, message);
    }
}
