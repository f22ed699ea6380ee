package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.AUDIT_LOG;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.events.ProcessedEvents;
import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.AuditFilter;
import dev.stoa.monitoring.domain.port.AuditLog;
import dev.stoa.monitoring.store.jooq.tables.records.AuditLogRecord;
import dev.stoa.store.TenantTransactions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The audit log in PostgreSQL: insert and select only (the table refuses updates and deletes). */
@Component
public final class JooqAuditLog implements AuditLog {
    static final String CONSUMER = "monitoring.audit";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};

    private final TenantTransactions tx;
    private final ProcessedEvents processed;

    public JooqAuditLog(TenantTransactions tx, ProcessedEvents processed) {
        this.tx = tx;
        this.processed = processed;
    }

    @Override
    public boolean append(String eventId, AuditEntry e) {
        return tx.inOrg(e.orgId(), dsl -> {
            if (!processed.markProcessed(dsl, CONSUMER, eventId)) {
                return false;
            }
            dsl.insertInto(AUDIT_LOG)
                    .set(AUDIT_LOG.ID, e.id())
                    .set(AUDIT_LOG.ORG_ID, e.orgId())
                    .set(AUDIT_LOG.ACTOR_ID, e.actorId())
                    .set(AUDIT_LOG.ACTOR_TYPE, e.actorType())
                    .set(AUDIT_LOG.ACTION, e.action())
                    .set(AUDIT_LOG.TARGET_TYPE, e.targetType())
                    .set(AUDIT_LOG.TARGET_ID, e.targetId())
                    .set(AUDIT_LOG.OCCURRED_AT, e.occurredAt())
                    .set(AUDIT_LOG.REQUEST_ID, e.requestId())
                    .set(AUDIT_LOG.IP, e.ip())
                    .set(AUDIT_LOG.ATTRIBUTES, JSON.json(MAPPER.writeValueAsString(new TreeMap<>(e.attributes()))))
                    .set(AUDIT_LOG.SOURCE, e.source())
                    .execute();
            return true;
        });
    }

    @Override
    public Page<AuditEntry> list(String orgId, AuditFilter filter, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = AUDIT_LOG
                    .OCCURRED_AT
                    .ge(filter.range().from())
                    .and(AUDIT_LOG.OCCURRED_AT.lt(filter.range().to()));
            if (filter.actorId() != null) {
                c = c.and(AUDIT_LOG.ACTOR_ID.eq(filter.actorId()));
            }
            if (filter.action() != null) {
                c = c.and(AUDIT_LOG.ACTION.eq(filter.action()));
            }
            if (filter.targetType() != null) {
                c = c.and(AUDIT_LOG.TARGET_TYPE.eq(filter.targetType()));
            }
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = c.and(DSL.row(AUDIT_LOG.OCCURRED_AT, AUDIT_LOG.ID).lt(after.at(), after.id()));
            }
            List<AuditEntry> rows = dsl.selectFrom(AUDIT_LOG)
                    .where(c)
                    .orderBy(AUDIT_LOG.OCCURRED_AT.desc(), AUDIT_LOG.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqAuditLog::map);
            return Page.fromOverfetch(rows, page.limit(), a -> KeysetCursor.of(a.occurredAt(), a.id()));
        });
    }

    private static AuditEntry map(AuditLogRecord r) {
        return new AuditEntry(
                r.getId(),
                r.getOrgId(),
                r.getActorId(),
                r.getActorType(),
                r.getAction(),
                r.getTargetType(),
                r.getTargetId(),
                r.getOccurredAt(),
                r.getRequestId(),
                r.getIp(),
                MAPPER.readValue(r.getAttributes().data(), ATTRIBUTES),
                r.getSource());
    }
}
