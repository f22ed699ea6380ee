package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One event's delivery to one webhook, as the delivery log shows it.
 *
 * @param status {@code pending}, {@code succeeded}, {@code failed} (retries exhausted) or {@code cancelled} (the
 *     webhook was disabled before it went out)
 * @param lastStatusCode the HTTP status of the last attempt, null when it got no response
 * @param nextAttemptAt when a pending delivery is tried next
 */
public record WebhookDelivery(
        String id,
        String webhookId,
        String eventId,
        String eventType,
        String status,
        int attempts,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
}
