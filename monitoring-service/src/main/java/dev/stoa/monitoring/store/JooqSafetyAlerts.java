package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.SAFETY_ALERTS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.events.ProcessedEvents;
import dev.stoa.monitoring.domain.model.SafetyAlert;
import dev.stoa.monitoring.domain.model.SafetyAlertFilter;
import dev.stoa.monitoring.domain.model.SafetyStats;
import dev.stoa.monitoring.domain.port.SafetyAlertRepository;
import dev.stoa.monitoring.store.jooq.tables.records.SafetyAlertsRecord;
import dev.stoa.store.TenantTransactions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Safety alerts in PostgreSQL: one row per SafetyFinding event, deduplicated by event id. */
@Component
public final class JooqSafetyAlerts implements SafetyAlertRepository {
    static final String CONSUMER = "monitoring.safety";

    private final TenantTransactions tx;
    private final ProcessedEvents processed;

    public JooqSafetyAlerts(TenantTransactions tx, ProcessedEvents processed) {
        this.tx = tx;
        this.processed = processed;
    }

    @Override
    public boolean record(String eventId, SafetyAlert a) {
        return tx.inOrg(a.orgId(), dsl -> {
            if (!processed.markProcessed(dsl, CONSUMER, eventId)) {
                return false;
            }
            dsl.insertInto(SAFETY_ALERTS)
                    .set(SAFETY_ALERTS.ID, a.id())
                    .set(SAFETY_ALERTS.ORG_ID, a.orgId())
                    .set(SAFETY_ALERTS.AGENT_ID, a.agentId())
                    .set(SAFETY_ALERTS.CONVERSATION_ID, a.conversationId())
                    .set(SAFETY_ALERTS.TURN_ID, a.turnId())
                    .set(SAFETY_ALERTS.SURFACE, a.surface())
                    .set(SAFETY_ALERTS.DETECTOR, a.detector())
                    .set(SAFETY_ALERTS.ACTION, a.action())
                    .set(
                            SAFETY_ALERTS.PREVIEW,
                            // as when the conversation was deleted after the alert: kept, without the preview
                            JooqForgottenConversations.forgotten(dsl, a.orgId(), a.conversationId()) ? "" : a.preview())
                    .set(SAFETY_ALERTS.OCCURRED_AT, a.occurredAt())
                    .execute();
            return true;
        });
    }

    @Override
    public Page<SafetyAlert> list(String orgId, SafetyAlertFilter filter, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = where(filter);
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = c.and(DSL.row(SAFETY_ALERTS.OCCURRED_AT, SAFETY_ALERTS.ID).lt(after.at(), after.id()));
            }
            List<SafetyAlert> rows = dsl.selectFrom(SAFETY_ALERTS)
                    .where(c)
                    .orderBy(SAFETY_ALERTS.OCCURRED_AT.desc(), SAFETY_ALERTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqSafetyAlerts::map);
            return Page.fromOverfetch(rows, page.limit(), a -> KeysetCursor.of(a.occurredAt(), a.id()));
        });
    }

    @Override
    public SafetyStats stats(String orgId, SafetyAlertFilter filter) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = where(filter);
            Map<String, Long> byDetector = counts(dsl, SAFETY_ALERTS.DETECTOR, c);
            long total = byDetector.values().stream().mapToLong(Long::longValue).sum();
            return new SafetyStats(
                    filter.range(),
                    total,
                    byDetector,
                    counts(dsl, SAFETY_ALERTS.ACTION, c),
                    counts(dsl, SAFETY_ALERTS.SURFACE, c));
        });
    }

    private static Map<String, Long> counts(DSLContext dsl, Field<String> key, Condition c) {
        Field<Integer> count = DSL.count();
        Map<String, Long> out = new LinkedHashMap<>();
        dsl.select(key, count)
                .from(SAFETY_ALERTS)
                .where(c)
                .groupBy(key)
                .orderBy(count.desc(), key)
                .forEach(r -> out.put(r.value1(), r.value2().longValue()));
        return out;
    }

    private static Condition where(SafetyAlertFilter filter) {
        Condition c = SAFETY_ALERTS
                .OCCURRED_AT
                .ge(filter.range().from())
                .and(SAFETY_ALERTS.OCCURRED_AT.lt(filter.range().to()));
        if (filter.agentId() != null) {
            c = c.and(SAFETY_ALERTS.AGENT_ID.eq(filter.agentId()));
        }
        if (filter.detector() != null) {
            c = c.and(SAFETY_ALERTS.DETECTOR.eq(filter.detector()));
        }
        if (filter.surface() != null) {
            c = c.and(SAFETY_ALERTS.SURFACE.eq(filter.surface()));
        }
        if (filter.action() != null) {
            c = c.and(SAFETY_ALERTS.ACTION.eq(filter.action()));
        }
        return c;
    }

    private static SafetyAlert map(SafetyAlertsRecord r) {
        return new SafetyAlert(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getConversationId(),
                r.getTurnId(),
                r.getSurface(),
                r.getDetector(),
                r.getAction(),
                r.getPreview(),
                r.getOccurredAt());
    }
}
