package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.ClaimedDelivery;
import dev.stoa.monitoring.domain.model.DueDelivery;
import dev.stoa.monitoring.domain.model.WebhookDelivery;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Webhook deliveries: enqueued with the event's effect, claimed by workers across orgs, logged per webhook. */
public interface DeliveryQueue {
    /**
     * Enqueues one pending delivery per webhook, due now, in the caller's transaction; a webhook that already has
     * {@code eventId} gets none. Returns how many were enqueued.
     */
    int enqueue(
            String orgId, String eventId, String eventType, List<String> webhookIds, String body, OffsetDateTime now);

    /** Leases up to {@code limit} due deliveries of any org for {@code lease} (other workers skip them meanwhile). */
    List<ClaimedDelivery> claim(int limit, Duration lease);

    Optional<DueDelivery> load(ClaimedDelivery claimed);

    /** Marks the delivery succeeded and resets its webhook's failure count. */
    void succeeded(DueDelivery delivery, int statusCode, OffsetDateTime now);

    /**
     * Records a failed attempt: pending again at {@code nextAttemptAt}, or failed when it is null; the webhook's
     * failure count grows, and at {@code disableAfter} the webhook is disabled. Returns whether this disabled it.
     */
    boolean failed(
            DueDelivery delivery,
            @Nullable Integer statusCode,
            String error,
            @Nullable OffsetDateTime nextAttemptAt,
            int disableAfter,
            OffsetDateTime now);

    void cancelled(DueDelivery delivery, String reason, OffsetDateTime now);

    /** The webhook's delivery log, newest first. */
    Page<WebhookDelivery> list(String orgId, String webhookId, PageRequest page);
}
