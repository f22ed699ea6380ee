package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An org's webhook endpoint (its signing secret is kept apart, sealed, and never part of this record).
 *
 * @param eventTypes wire names of {@link WebhookEventType}, sorted, without repeats
 * @param disabledReason why delivery turned the webhook off, or null
 * @param consecutiveFailures failed delivery attempts since the last success
 */
public record Webhook(
        String id,
        String orgId,
        String url,
        String description,
        List<String> eventTypes,
        boolean enabled,
        @Nullable String disabledReason,
        int consecutiveFailures,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public Webhook {
        eventTypes = List.copyOf(eventTypes);
    }
}
