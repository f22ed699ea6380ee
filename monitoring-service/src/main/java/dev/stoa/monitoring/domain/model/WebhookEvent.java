package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A platform event as webhooks carry it: the source event's id (receivers dedupe by it), its type, when it happened
 * and the {@code data} object (snake_case keys; no message content).
 */
public record WebhookEvent(
        String orgId, String eventId, WebhookEventType type, OffsetDateTime occurredAt, Map<String, Object> data) {

    public WebhookEvent {
        data = Map.copyOf(data);
    }
}
