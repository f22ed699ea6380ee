package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event a consumer gave up on, kept for its org's admins to see and replay. The record's value and headers are
 * kept byte for byte (a replay republishes them); views never show them.
 *
 * @param eventId the CloudEvent id, when the record had one
 * @param error why it failed, naming the event and what was wrong, never its content
 */
public record DeadLetter(
        String id,
        String orgId,
        String topic,
        int partition,
        long offset,
        @Nullable String eventId,
        @Nullable String eventType,
        String error,
        byte @Nullable [] value,
        Map<String, byte[]> headers,
        OffsetDateTime deadLetteredAt,
        int replayCount,
        @Nullable OffsetDateTime lastReplayedAt) {
    public DeadLetter {
        headers = Map.copyOf(headers);
    }

    public int sizeBytes() {
        return value == null ? 0 : value.length;
    }
}
