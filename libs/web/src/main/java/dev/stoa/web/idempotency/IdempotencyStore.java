package dev.stoa.web.idempotency;

/**
 * Where {@code Idempotency-Key} reservations and completed responses live. Expired entries count as absent.
 * Implementations must make {@link #reserve} atomic: of two concurrent first requests only one is Reserved.
 */
public interface IdempotencyStore {

    /** Reserves the key for a request whose method, path and body hash to {@code requestHash}. */
    Reservation reserve(IdempotencyScope scope, String requestHash);

    /** Stores the response of a reserved request for replay; the entry now lives for the configured TTL. */
    void complete(IdempotencyScope scope, StoredResponse response);

    /** Drops a reservation whose request failed, so the client can retry with the same key. */
    void release(IdempotencyScope scope);

    /** Deletes expired entries; returns how many. */
    int purgeExpired();
}
