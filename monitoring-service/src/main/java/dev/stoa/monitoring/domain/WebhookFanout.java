package dev.stoa.monitoring.domain;

import dev.stoa.monitoring.domain.model.WebhookEvent;
import dev.stoa.monitoring.domain.port.DeliveryQueue;
import dev.stoa.monitoring.domain.port.WebhookRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enqueues a platform event for every enabled webhook subscribed to its type, in the caller's transaction (the
 * consumer's effect), so the deliveries exist exactly when the event was processed.
 */
@Service
public final class WebhookFanout {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookRepository webhooks;
    private final DeliveryQueue queue;
    private final Clock clock;

    public WebhookFanout(WebhookRepository webhooks, DeliveryQueue queue, Clock clock) {
        this.webhooks = webhooks;
        this.queue = queue;
        this.clock = clock;
    }

    /** Returns how many deliveries were enqueued. */
    public int publish(WebhookEvent event) {
        List<String> subscribed =
                webhooks.subscribed(event.orgId(), event.type().wire());
        if (subscribed.isEmpty()) {
            return 0;
        }
        return queue.enqueue(
                event.orgId(),
                event.eventId(),
                event.type().wire(),
                subscribed,
                body(event),
                OffsetDateTime.now(clock));
    }

    /** {@code {id, type, created_at, org_id, data}}, data's keys sorted. */
    static String body(WebhookEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.eventId());
        body.put("type", event.type().wire());
        body.put("created_at", timestamp(event.occurredAt()));
        body.put("org_id", event.orgId());
        body.put("data", new TreeMap<>(event.data()));
        return JSON.writeValueAsString(body);
    }

    /** RFC 3339 in UTC, as the REST API writes instants. */
    public static String timestamp(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
