package dev.stoa.monitoring.domain.port;

/** Event ids a consumer has processed, for effects that keep no row of their own to deduplicate by. */
public interface SeenEvents {
    /** True the first time {@code consumer} sees {@code eventId} (in the caller's transaction, in org {@code orgId}). */
    boolean first(String orgId, String consumer, String eventId);
}
