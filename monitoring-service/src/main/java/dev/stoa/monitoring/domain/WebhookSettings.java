package dev.stoa.monitoring.domain;

import dev.stoa.common.net.OutboundPolicy;
import java.time.Duration;
import java.util.List;

/**
 * How webhooks are vetted and delivered.
 *
 * @param allowInsecure whether http:// URLs are accepted (tests and the embedded platform only)
 * @param policy which addresses a webhook URL may reach, at registration and again at every delivery
 * @param retryDelays the wait before each retry (jittered by ±20 %); a delivery has {@code size + 1} attempts
 * @param disableAfter consecutive failed attempts after which the webhook is disabled
 */
public record WebhookSettings(
        boolean allowInsecure, OutboundPolicy policy, List<Duration> retryDelays, int disableAfter) {

    public WebhookSettings {
        retryDelays = List.copyOf(retryDelays);
    }
}
