package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.SafetyAlert;
import dev.stoa.monitoring.domain.model.SafetyAlertFilter;
import dev.stoa.monitoring.domain.model.SafetyStats;
import dev.stoa.monitoring.domain.model.TimeRange;
import dev.stoa.monitoring.domain.model.WebhookEvent;
import dev.stoa.monitoring.domain.model.WebhookEventType;
import dev.stoa.monitoring.domain.port.SafetyAlertRepository;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.Surface;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Safety alerts: recorded from {@code SafetyFinding} events (each event once), listed and counted for the org's
 * members. An event with an unknown detector, action or surface, or without org, is refused as unprocessable.
 */
@Service
public final class SafetyAlerts {
    /** The window when the caller names none. */
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    /** The widest preview stored: the library's are far shorter; a longer one is cut, not refused. */
    static final int PREVIEW_MAX = 64;

    /**
     * Previews are masked by the source; should one still hold a match (a source's bug), it is redacted here before
     * it is stored. Prompt-injection previews are the attack phrase by design and are not rescanned.
     */
    private static final SafetyPolicy PREVIEW_POLICY = previewPolicy();

    private static final SafetyScanner SCANNER = SafetyScanner.standard();

    private final SafetyAlertRepository alerts;
    private final WebhookFanout webhooks;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MonitoringSettings settings;

    public SafetyAlerts(
            SafetyAlertRepository alerts,
            WebhookFanout webhooks,
            TransactionTemplate transactions,
            Clock clock,
            MonitoringSettings settings) {
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** True when the alert was recorded, false when event {@code eventId} was seen before. */
    public boolean found(String eventId, SafetyAlert alert) {
        if (alert.orgId().isBlank()) {
            throw new UnprocessableEventException("event " + eventId + " lacks org_id");
        }
        for (String id : new String[] {alert.orgId(), alert.agentId(), alert.conversationId(), alert.turnId()}) {
            if (id.length() > EventIngest.ID_MAX) {
                throw new UnprocessableEventException(
                        "event " + eventId + " has an id longer than " + EventIngest.ID_MAX);
            }
        }
        if (DetectorId.fromId(alert.detector()).isEmpty()
                || SafetyAction.fromId(alert.action()).isEmpty()
                || Surface.fromId(alert.surface()).isEmpty()) {
            throw new UnprocessableEventException("event " + eventId + " has an unknown detector, action or surface");
        }
        String masked = SCANNER.scan(alert.preview(), Surface.TOOL_RESULTS, PREVIEW_POLICY)
                .text();
        String preview = masked.length() > PREVIEW_MAX ? masked.substring(0, PREVIEW_MAX) : masked;
        SafetyAlert recorded = new SafetyAlert(
                alert.id(),
                alert.orgId(),
                alert.agentId(),
                alert.conversationId(),
                alert.turnId(),
                alert.surface(),
                alert.detector(),
                alert.action(),
                preview,
                alert.occurredAt());
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean first = alerts.record(eventId, recorded);
            if (first) {
                webhooks.publish(webhookEvent(eventId, recorded));
            }
            return first;
        }));
    }

    /** {@code safety.alert}: what was found where, with the stored (masked) preview, never the text. */
    static WebhookEvent webhookEvent(String eventId, SafetyAlert alert) {
        return new WebhookEvent(
                alert.orgId(),
                eventId,
                WebhookEventType.SAFETY_ALERT,
                alert.occurredAt(),
                Map.of(
                        "alert_id", alert.id(),
                        "agent_id", alert.agentId(),
                        "conversation_id", alert.conversationId(),
                        "turn_id", alert.turnId(),
                        "surface", alert.surface(),
                        "detector", alert.detector(),
                        "action", alert.action(),
                        "preview", alert.preview(),
                        "occurred_at", WebhookFanout.timestamp(alert.occurredAt())));
    }

    /** The window of a list or stats: default the last 24 hours, at most the service's maximum range. */
    public TimeRange range(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {
        return TimeRange.of(from, to, OffsetDateTime.now(clock), DEFAULT_WINDOW, settings.maxRange());
    }

    public Page<SafetyAlert> list(Principal principal, SafetyAlertFilter filter, PageRequest page) {
        return alerts.list(SafetyAccess.read(principal), filter, page);
    }

    public SafetyStats stats(Principal principal, SafetyAlertFilter filter) {
        return alerts.stats(SafetyAccess.read(principal), filter);
    }

    private static SafetyPolicy previewPolicy() {
        Map<DetectorId, DetectorRule> rules = new EnumMap<>(DetectorId.class);
        for (DetectorId id : DetectorId.values()) {
            if (id != DetectorId.PROMPT_INJECTION) {
                rules.put(id, new DetectorRule(true, SafetyAction.REDACT));
            }
        }
        return new SafetyPolicy(rules, EnumSet.allOf(Surface.class));
    }
}
