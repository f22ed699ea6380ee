package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.TOOL_CALLS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.events.ProcessedEvents;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.ToolCallFilter;
import dev.stoa.monitoring.domain.model.ToolCallStats;
import dev.stoa.monitoring.domain.port.ToolCallRepository;
import dev.stoa.monitoring.store.jooq.tables.records.ToolCallsRecord;
import dev.stoa.store.TenantTransactions;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The tool-call log in PostgreSQL; stats are computed there (percentile_cont). */
@Component
public final class JooqToolCallRepository implements ToolCallRepository {
    static final String CONSUMER = "monitoring.toolcalls";
    /** Groups a stats answer lists per dimension; the busiest come first. */
    static final int MAX_GROUPS = 100;

    private static final Field<Integer> COUNT = DSL.count();
    /** Every call that did not succeed counts as an error: failed, timed out, rejected or cancelled. */
    private static final Field<Integer> ERRORS = DSL.count().filterWhere(TOOL_CALLS.STATUS.ne("succeeded"));

    private static final Field<BigDecimal> P50 = DSL.percentileCont(0.5).withinGroupOrderBy(TOOL_CALLS.LATENCY_MS);
    private static final Field<BigDecimal> P95 = DSL.percentileCont(0.95).withinGroupOrderBy(TOOL_CALLS.LATENCY_MS);

    private final TenantTransactions tx;
    private final ProcessedEvents processed;

    public JooqToolCallRepository(TenantTransactions tx, ProcessedEvents processed) {
        this.tx = tx;
        this.processed = processed;
    }

    @Override
    public boolean record(String eventId, ToolCall c) {
        return tx.inOrg(c.orgId(), dsl -> {
            if (!processed.markProcessed(dsl, CONSUMER, eventId)) {
                return false;
            }
            if (JooqForgottenConversations.forgotten(dsl, c.orgId(), c.conversationId())) {
                return true; // processed: its conversation was deleted, so nothing of it is kept
            }
            dsl.insertInto(TOOL_CALLS)
                    .set(TOOL_CALLS.ID, c.id())
                    .set(TOOL_CALLS.ORG_ID, c.orgId())
                    .set(TOOL_CALLS.AGENT_ID, c.agentId())
                    .set(TOOL_CALLS.CONVERSATION_ID, c.conversationId())
                    .set(TOOL_CALLS.TURN_ID, c.turnId())
                    .set(TOOL_CALLS.CALL_ID, c.callId())
                    .set(TOOL_CALLS.TOOL_ID, c.toolId())
                    .set(TOOL_CALLS.TOOL_NAME, c.toolName())
                    .set(TOOL_CALLS.SOURCE, c.source())
                    .set(TOOL_CALLS.STATUS, c.status())
                    .set(TOOL_CALLS.ERROR_CODE, c.errorCode())
                    .set(TOOL_CALLS.LATENCY_MS, c.latencyMs())
                    .set(TOOL_CALLS.ARGUMENT_BYTES, c.argumentBytes())
                    .set(TOOL_CALLS.ARGUMENTS_PREVIEW, c.argumentsPreview())
                    .set(TOOL_CALLS.STARTED_AT, c.startedAt())
                    .set(TOOL_CALLS.ENDED_AT, c.endedAt())
                    .execute();
            return true;
        });
    }

    @Override
    public Page<ToolCall> list(String orgId, ToolCallFilter filter, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = where(filter);
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                condition = condition.and(
                        DSL.row(TOOL_CALLS.ENDED_AT, TOOL_CALLS.ID).lt(after.at(), after.id()));
            }
            List<ToolCall> rows = dsl.selectFrom(TOOL_CALLS)
                    .where(condition)
                    .orderBy(TOOL_CALLS.ENDED_AT.desc(), TOOL_CALLS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqToolCallRepository::map);
            return Page.fromOverfetch(rows, page.limit(), c -> KeysetCursor.of(c.endedAt(), c.id()));
        });
    }

    @Override
    public ToolCallStats stats(String orgId, ToolCallFilter filter) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = where(filter);
            ToolCallStats.Group total = group(dsl.select(DSL.inline(""), COUNT, ERRORS, P50, P95)
                    .from(TOOL_CALLS)
                    .where(condition)
                    .fetchSingle());
            return new ToolCallStats(
                    filter.range(),
                    total,
                    groups(dsl, TOOL_CALLS.TOOL_NAME, condition),
                    groups(dsl, TOOL_CALLS.AGENT_ID, condition));
        });
    }

    private static List<ToolCallStats.Group> groups(DSLContext dsl, Field<String> key, Condition condition) {
        return dsl.select(key, COUNT, ERRORS, P50, P95)
                .from(TOOL_CALLS)
                .where(condition)
                .groupBy(key)
                .orderBy(COUNT.desc(), key)
                .limit(MAX_GROUPS)
                .fetch(JooqToolCallRepository::group);
    }

    private static ToolCallStats.Group group(Record5<String, Integer, Integer, BigDecimal, BigDecimal> r) {
        return new ToolCallStats.Group(r.value1(), r.value2(), r.value3(), decimal(r.value4()), decimal(r.value5()));
    }

    private static double decimal(@Nullable BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }

    private static Condition where(ToolCallFilter f) {
        Condition c = TOOL_CALLS
                .ENDED_AT
                .ge(f.range().from())
                .and(TOOL_CALLS.ENDED_AT.lt(f.range().to()));
        if (f.agentId() != null) {
            c = c.and(TOOL_CALLS.AGENT_ID.eq(f.agentId()));
        }
        if (f.toolName() != null) {
            c = c.and(TOOL_CALLS.TOOL_NAME.eq(f.toolName()));
        }
        if (f.status() != null) {
            c = c.and(TOOL_CALLS.STATUS.eq(f.status()));
        }
        if (f.conversationId() != null) {
            c = c.and(TOOL_CALLS.CONVERSATION_ID.eq(f.conversationId()));
        }
        return c;
    }

    private static ToolCall map(ToolCallsRecord r) {
        return new ToolCall(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getConversationId(),
                r.getTurnId(),
                r.getCallId(),
                r.getToolId(),
                r.getToolName(),
                r.getSource(),
                r.getStatus(),
                r.getErrorCode(),
                r.getLatencyMs(),
                r.getArgumentBytes(),
                r.getArgumentsPreview(),
                r.getStartedAt(),
                r.getEndedAt());
    }
}
