package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.Webhook;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** An org's webhooks; every call sees one org only. */
public interface WebhookRepository {
    void insert(Webhook webhook, String sealedSecret);

    Optional<Webhook> find(String orgId, String id);

    /** Newest first. */
    Page<Webhook> list(String orgId, PageRequest page);

    /**
     * Stores url, description, event types and updated_at; with {@code state} also enabled, disabled reason and
     * failure count (otherwise those stay as the delivery worker left them, even if it changed them meanwhile).
     */
    void update(Webhook webhook, boolean state);

    boolean delete(String orgId, String id);

    boolean replaceSecret(String orgId, String id, String sealedSecret, OffsetDateTime now);

    /** The ids of the org's enabled webhooks subscribed to {@code eventType}. */
    List<String> subscribed(String orgId, String eventType);
}
