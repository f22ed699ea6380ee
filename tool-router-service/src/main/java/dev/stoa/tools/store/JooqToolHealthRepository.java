package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.TOOL_HEALTH_EVENTS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.HealthEvent;
import dev.stoa.tools.domain.model.HealthStatus;
import dev.stoa.tools.domain.port.ToolHealthRepository;
import dev.stoa.tools.store.jooq.tables.records.ToolHealthEventsRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tools' health history. */
@Component
public final class JooqToolHealthRepository implements ToolHealthRepository {
    private final TenantTransactions tx;

    public JooqToolHealthRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void append(String orgId, HealthEvent event) {
        tx.inOrgRun(orgId, dsl -> dsl.insertInto(TOOL_HEALTH_EVENTS)
                .set(TOOL_HEALTH_EVENTS.ID, event.id())
                .set(TOOL_HEALTH_EVENTS.ORG_ID, orgId)
                .set(TOOL_HEALTH_EVENTS.TOOL_ID, event.toolId())
                .set(TOOL_HEALTH_EVENTS.STATUS, event.status().wire())
                .set(TOOL_HEALTH_EVENTS.REASON, event.reason())
                .set(TOOL_HEALTH_EVENTS.AT, event.at())
                .execute());
    }

    @Override
    public Optional<HealthEvent> latest(String orgId, String toolId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TOOL_HEALTH_EVENTS)
                .where(TOOL_HEALTH_EVENTS.TOOL_ID.eq(toolId))
                .orderBy(TOOL_HEALTH_EVENTS.ID.desc())
                .limit(1)
                .fetchOptional(JooqToolHealthRepository::map));
    }

    @Override
    public Page<HealthEvent> history(String orgId, String toolId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            var condition = TOOL_HEALTH_EVENTS.TOOL_ID.eq(toolId);
            if (page.after() != null) {
                condition = condition.and(TOOL_HEALTH_EVENTS.ID.lt(page.after()));
            }
            List<HealthEvent> rows = dsl.selectFrom(TOOL_HEALTH_EVENTS)
                    .where(condition)
                    .orderBy(TOOL_HEALTH_EVENTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqToolHealthRepository::map);
            return Page.fromOverfetch(rows, page.limit(), HealthEvent::id);
        });
    }

    private static HealthEvent map(ToolHealthEventsRecord r) {
        return new HealthEvent(
                r.getId(),
                r.getToolId(),
                HealthStatus.valueOf(r.getStatus().toUpperCase(Locale.ROOT)),
                r.getReason(),
                r.getAt());
    }
}
