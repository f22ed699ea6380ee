package dev.stoa.common.error;

/** Too many requests; retryable after a while. */
public final class RateLimitedException extends StoaException {
    public RateLimitedException(String code, String message) {
        super(ErrorKind.RATE_LIMITED, code, message, true, java.util.List.of(), null);
    }
}
