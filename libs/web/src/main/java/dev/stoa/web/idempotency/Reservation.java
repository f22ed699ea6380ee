package dev.stoa.web.idempotency;

/** What {@link IdempotencyStore#reserve} found for a key. */
public sealed interface Reservation {
    /** The key was free and is now held by this request, which must complete or release it. */
    record Reserved() implements Reservation {}

    /** The same request already completed: replay its response. */
    record Replay(StoredResponse response) implements Reservation {}

    /** The same key is held by a request still running. */
    record InFlight() implements Reservation {}

    /** The key was used for a different request (method, path or body). */
    record Mismatch() implements Reservation {}
}
