package dev.stoa.memory.events;

/** An event that cannot be read: dead-lettered at once, never retried. */
public final class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
