package dev.stoa.monitoring.domain;

/** An event that no retry can make processable (unreadable, or missing what it must carry): it is dead-lettered. */
public final class UnprocessableEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnprocessableEventException(String message) {
        super(message);
    }

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
