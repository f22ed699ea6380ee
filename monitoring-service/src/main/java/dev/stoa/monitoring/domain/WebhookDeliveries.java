package dev.stoa.monitoring.domain;

import dev.stoa.common.crypto.SecretSealer;
import dev.stoa.monitoring.domain.model.ClaimedDelivery;
import dev.stoa.monitoring.domain.model.DueDelivery;
import dev.stoa.monitoring.domain.port.DeliveryQueue;
import dev.stoa.monitoring.domain.port.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Sends one claimed delivery: signs the stored body with the webhook's secret, POSTs it, and records the outcome
 * (success; a retry after the next back-off step; failed when the steps are spent; the webhook disabled after too many
 * consecutive failures).
 */
@Service
public final class WebhookDeliveries {
    public static final String ID_HEADER = "Stoa-Webhook-Id";
    public static final String TIMESTAMP_HEADER = "Stoa-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Stoa-Webhook-Signature";
    static final int ERROR_MAX = 300;

    /** What became of one claimed delivery, for the metrics. */
    public enum Result {
        SUCCEEDED,
        RETRYING,
        FAILED,
        DISABLED,
        CANCELLED,
        GONE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final SecretSealer sealer;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookDeliveries(
            DeliveryQueue queue, WebhookSender sender, SecretSealer sealer, WebhookSettings settings, Clock clock) {
        this.queue = queue;
        this.sender = sender;
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
    }

    public Result deliver(ClaimedDelivery claimed) {
        Optional<DueDelivery> due = queue.load(claimed);
        if (due.isEmpty()) {
            return Result.GONE; // delivered or deleted meanwhile
        }
        DueDelivery delivery = due.get();
        if (!delivery.webhookEnabled()) {
            queue.cancelled(delivery, "the webhook is disabled", OffsetDateTime.now(clock));
            return Result.CANCELLED;
        }
        String secret;
        try {
            secret = new String(
                    sealer.open(
                            delivery.sealedSecret(),
                            WebhookService.associatedData(delivery.orgId(), delivery.webhookId())),
                    StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // e.g. the key that sealed it left the key ring: nothing is sent unsigned
            return failed(delivery, null, "the signing secret cannot be opened; rotate it");
        }
        if (!settings.allowInsecure() && !delivery.url().regionMatches(true, 0, "https:", 0, 6)) {
            return failed(delivery, null, "the URL is not https");
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, delivery.eventId());
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, delivery.body()));
        WebhookSender.Outcome outcome = sender.post(delivery.url(), headers, delivery.body());
        if (outcome.success()) {
            queue.succeeded(delivery, outcome.statusCode(), OffsetDateTime.now(clock));
            return Result.SUCCEEDED;
        }
        String error = outcome.error().isBlank() ? "HTTP " + outcome.statusCode() : outcome.error();
        return failed(delivery, outcome.statusCode() == 0 ? null : outcome.statusCode(), error);
    }

    private Result failed(DueDelivery delivery, @Nullable Integer statusCode, String error) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime next = nextAttempt(delivery.attempts() + 1, settings.retryDelays(), now);
        String clipped = error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error;
        if (queue.failed(delivery, statusCode, clipped, next, settings.disableAfter(), now)) {
            return Result.DISABLED;
        }
        return next == null ? Result.FAILED : Result.RETRYING;
    }

    /** After attempt {@code attempts}: the next step of the back-off with ±20 % jitter, or null when spent. */
    static @Nullable OffsetDateTime nextAttempt(int attempts, List<Duration> delays, OffsetDateTime now) {
        if (attempts > delays.size()) {
            return null;
        }
        long millis = delays.get(attempts - 1).toMillis();
        // jitter spreads the retries of many deliveries that failed together (a receiver's outage)
        long jittered = Math.round(millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        return now.plus(Duration.ofMillis(Math.max(0, jittered)));
    }
}
