package dev.stoa.monitoring.domain.model;

/** A webhook with its new signing secret: the one response (create or rotate) that shows the secret. */
public record IssuedWebhook(Webhook webhook, String secret) {
    @Override
    public String toString() {
        return "IssuedWebhook[webhook=" + webhook.id() + ", secret=<redacted>]";
    }
}
