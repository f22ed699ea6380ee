package dev.stoa.monitoring.domain.model;

/**
 * A claimed delivery with what sending it needs: the body (built once, so every retry signs the same bytes) and its
 * webhook's URL, state and sealed secret.
 */
public record DueDelivery(
        String id,
        String orgId,
        String webhookId,
        String eventId,
        String body,
        int attempts,
        String url,
        boolean webhookEnabled,
        String sealedSecret) {

    @Override
    public String toString() {
        return "DueDelivery[id=" + id + ", webhookId=" + webhookId + ", eventId=" + eventId + ", attempts=" + attempts
                + "]";
    }
}
