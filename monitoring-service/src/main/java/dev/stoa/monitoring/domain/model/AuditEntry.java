package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Something a person, key or service did in an org.
 *
 * @param actorType {@code user}, {@code api_key}, {@code service} or {@code anonymous}
 * @param action dotted verb, e.g. {@code api_key.created}
 * @param ip where the request came from, empty when unknown
 * @param attributes action-specific facts (never secrets)
 * @param source the service that reported it (CloudEvents source)
 */
public record AuditEntry(
        String id,
        String orgId,
        String actorId,
        String actorType,
        String action,
        String targetType,
        String targetId,
        OffsetDateTime occurredAt,
        String requestId,
        String ip,
        Map<String, String> attributes,
        String source) {
    public AuditEntry {
        attributes = Map.copyOf(attributes);
    }
}
