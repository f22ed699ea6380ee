package dev.stoa.eval.events;

/** An event that cannot be read: not retried (the listener's error handler skips it at once). */
public final class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
