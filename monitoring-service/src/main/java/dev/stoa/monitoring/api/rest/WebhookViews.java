package dev.stoa.monitoring.api.rest;

import dev.stoa.monitoring.domain.model.IssuedWebhook;
import dev.stoa.monitoring.domain.model.Webhook;
import dev.stoa.monitoring.domain.model.WebhookDelivery;
import dev.stoa.monitoring.domain.model.WebhookEventType;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the webhook endpoints. The signing secret appears only in create and rotate responses. */
public final class WebhookViews {
    private WebhookViews() {}

    /**
     * A webhook endpoint; {@code secret} only in the responses of create and rotate-secret.
     *
     * @param disabledReason why deliveries turned it off (repeated failures), null otherwise
     */
    public record WebhookView(
            String id,
            String url,
            String description,
            List<@OneOf(of = WebhookEventType.class) String> eventTypes,
            boolean enabled,
            @Nullable String disabledReason,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,

            @Schema(description = "The signing secret (whsec_…), only in the create and rotate-secret responses.")
            @Nullable
            String secret) {
        @Override
        public String toString() { // the secret is shown once, in the response, never in a log
            return "WebhookView[id=" + id + "]";
        }

        static WebhookView of(Webhook w) {
            return of(w, null);
        }

        static WebhookView issued(IssuedWebhook issued) {
            return of(issued.webhook(), issued.secret());
        }

        private static WebhookView of(Webhook w, @Nullable String secret) {
            return new WebhookView(
                    w.id(),
                    w.url(),
                    w.description(),
                    w.eventTypes(),
                    w.enabled(),
                    w.disabledReason(),
                    w.createdAt(),
                    w.updatedAt(),
                    secret);
        }
    }

    /**
     * One event's delivery to the webhook.
     *
     * @param lastStatusCode the receiver's HTTP status on the last attempt, null when none came
     * @param lastError why the last attempt failed (or why the delivery was cancelled)
     * @param nextAttemptAt when a pending delivery is tried next
     */
    public record DeliveryView(
            String id,
            String webhookId,
            String eventId,
            String eventType,

            @Schema(allowableValues = {"pending", "succeeded", "failed", "cancelled"})
            String status,

            int attempts,
            @Nullable Integer lastStatusCode,
            @Nullable String lastError,
            @Nullable OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(
                    d.id(),
                    d.webhookId(),
                    d.eventId(),
                    d.eventType(),
                    d.status(),
                    d.attempts(),
                    d.lastStatusCode(),
                    d.lastError(),
                    d.nextAttemptAt(),
                    d.createdAt(),
                    d.updatedAt());
        }
    }
}
