package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.crypto.SecretSealer;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.IssuedWebhook;
import dev.stoa.monitoring.domain.model.Webhook;
import dev.stoa.monitoring.domain.model.WebhookDelivery;
import dev.stoa.monitoring.domain.model.WebhookEventType;
import dev.stoa.monitoring.domain.port.DeliveryQueue;
import dev.stoa.monitoring.domain.port.WebhookRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The org's webhooks: registration (URL through the SSRF policy, event types from {@link WebhookEventType}), changes,
 * secret rotation and the delivery log. The signing secret is sealed at rest and returned only by create and rotate.
 */
@Service
public final class WebhookService {
    private final WebhookRepository webhooks;
    private final DeliveryQueue deliveries;
    private final SecretSealer sealer;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookService(
            WebhookRepository webhooks,
            DeliveryQueue deliveries,
            SecretSealer sealer,
            WebhookSettings settings,
            Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
    }

    public IssuedWebhook create(
            Principal principal, String url, List<String> eventTypes, @Nullable String description, boolean enabled) {
        String orgId = Access.webhooksWrite(principal);
        String checkedUrl = checkUrl(url);
        List<String> types = checkEventTypes(eventTypes);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Webhook webhook = new Webhook(
                Ids.generate("whk"),
                orgId,
                checkedUrl,
                description == null ? "" : description.strip(),
                types,
                enabled,
                null,
                0,
                now,
                now);
        String secret = WebhookSignature.newSecret();
        webhooks.insert(webhook, seal(webhook, secret));
        return new IssuedWebhook(webhook, secret);
    }

    public Page<Webhook> list(Principal principal, PageRequest page) {
        return webhooks.list(Access.webhooksRead(principal), page);
    }

    public Webhook get(Principal principal, String id) {
        return find(Access.webhooksRead(principal), id);
    }

    /**
     * Changes the given fields; {@code enabled = true} also resets the failure count. Enabled, disabled reason and the
     * failure count are written only when {@code enabled} is given, so an edit does not undo the worker's disabling.
     */
    public Webhook update(
            Principal principal,
            String id,
            @Nullable String url,
            @Nullable List<String> eventTypes,
            @Nullable Boolean enabled,
            @Nullable String description) {
        String orgId = Access.webhooksWrite(principal);
        String checkedUrl = url == null ? null : checkUrl(url);
        List<String> types = eventTypes == null ? null : checkEventTypes(eventTypes);
        Webhook current = find(orgId, id);
        boolean enabling = Boolean.TRUE.equals(enabled);
        Webhook next = new Webhook(
                current.id(),
                orgId,
                checkedUrl == null ? current.url() : checkedUrl,
                description == null ? current.description() : description.strip(),
                types == null ? current.eventTypes() : types,
                enabled == null ? current.enabled() : enabled,
                // only the delivery worker's disabling has a reason; any explicit enabled clears it
                enabled == null ? current.disabledReason() : null,
                enabling ? 0 : current.consecutiveFailures(),
                current.createdAt(),
                OffsetDateTime.now(clock));
        webhooks.update(next, enabled != null);
        // the state as stored (the worker may have changed it since it was read)
        return find(orgId, id);
    }

    public void delete(Principal principal, String id) {
        if (!webhooks.delete(Access.webhooksWrite(principal), id)) {
            throw new NotFoundException("webhook", id);
        }
    }

    /** A new signing secret, effective for the next attempt of every delivery; the old one stops at once. */
    public IssuedWebhook rotateSecret(Principal principal, String id) {
        String orgId = Access.webhooksWrite(principal);
        Webhook webhook = find(orgId, id);
        String secret = WebhookSignature.newSecret();
        if (!webhooks.replaceSecret(orgId, id, seal(webhook, secret), OffsetDateTime.now(clock))) {
            throw new NotFoundException("webhook", id);
        }
        return new IssuedWebhook(webhook, secret);
    }

    public Page<WebhookDelivery> deliveries(Principal principal, String id, PageRequest page) {
        String orgId = Access.webhooksRead(principal);
        find(orgId, id);
        return deliveries.list(orgId, id, page);
    }

    /** The associated data binding a sealed secret to its webhook (a copied ciphertext does not open elsewhere). */
    static String associatedData(String orgId, String webhookId) {
        return orgId + "|" + webhookId;
    }

    private String seal(Webhook webhook, String secret) {
        return sealer.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(webhook.orgId(), webhook.id()));
    }

    private Webhook find(String orgId, String id) {
        return webhooks.find(orgId, id).orElseThrow(() -> new NotFoundException("webhook", id));
    }

    private String checkUrl(String url) {
        return WebhookUrls.check(url, settings);
    }

    private static List<String> checkEventTypes(List<String> eventTypes) {
        if (eventTypes.isEmpty()) {
            throw new InvalidInputException("event_types", "must name at least one event type");
        }
        TreeSet<String> types = new TreeSet<>();
        for (String type : eventTypes) {
            if (WebhookEventType.fromWire(type).isEmpty()) {
                throw new InvalidInputException(
                        "event_types", "unknown event type; one of " + String.join(", ", WebhookEventType.WIRE_NAMES));
            }
            types.add(type);
        }
        return List.copyOf(types);
    }
}
