package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.TOOL_APPROVALS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.port.ApprovalRepository;
import dev.stoa.tools.store.jooq.tables.records.ToolApprovalsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Approvals of tool calls. */
@Component
public final class JooqApprovalRepository implements ApprovalRepository {
    private final TenantTransactions tx;

    public JooqApprovalRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Approval insertOrGet(Approval a) {
        return tx.inOrg(a.orgId(), dsl -> {
            dsl.insertInto(TOOL_APPROVALS)
                    .set(TOOL_APPROVALS.ID, a.id())
                    .set(TOOL_APPROVALS.ORG_ID, a.orgId())
                    .set(TOOL_APPROVALS.AGENT_ID, a.agentId())
                    .set(TOOL_APPROVALS.TOOL_ID, a.toolId())
                    .set(TOOL_APPROVALS.TOOL_NAME, a.toolName())
                    .set(TOOL_APPROVALS.CALL_ID, a.callId())
                    .set(TOOL_APPROVALS.TURN_ID, a.turnId())
                    .set(TOOL_APPROVALS.CONVERSATION_ID, a.conversationId())
                    .set(TOOL_APPROVALS.ARGUMENTS_PREVIEW, a.argumentsPreview())
                    .set(TOOL_APPROVALS.STATUS, a.status())
                    .set(TOOL_APPROVALS.REQUESTED_AT, a.requestedAt())
                    .set(TOOL_APPROVALS.EXPIRES_AT, a.expiresAt())
                    .onConflict(TOOL_APPROVALS.ORG_ID, TOOL_APPROVALS.TURN_ID, TOOL_APPROVALS.CALL_ID)
                    .doNothing()
                    .execute();
            return dsl.selectFrom(TOOL_APPROVALS)
                    .where(TOOL_APPROVALS.TURN_ID.eq(a.turnId()), TOOL_APPROVALS.CALL_ID.eq(a.callId()))
                    .fetchSingle(JooqApprovalRepository::map);
        });
    }

    @Override
    public Optional<Approval> find(String orgId, String approvalId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TOOL_APPROVALS)
                .where(TOOL_APPROVALS.ID.eq(approvalId))
                .fetchOptional(JooqApprovalRepository::map));
    }

    @Override
    public boolean decide(
            String orgId,
            String approvalId,
            String status,
            @Nullable String decidedBy,
            OffsetDateTime at,
            @Nullable String reason) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(TOOL_APPROVALS)
                                .set(TOOL_APPROVALS.STATUS, status)
                                .set(TOOL_APPROVALS.DECIDED_BY, decidedBy)
                                .set(TOOL_APPROVALS.DECIDED_AT, at)
                                .set(TOOL_APPROVALS.REASON, reason)
                                .where(TOOL_APPROVALS.ID.eq(approvalId), TOOL_APPROVALS.STATUS.eq(Approval.PENDING))
                                .execute()
                        == 1);
    }

    @Override
    public Page<Approval> list(String orgId, @Nullable String status, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition =
                    page.after() == null ? TOOL_APPROVALS.ID.isNotNull() : TOOL_APPROVALS.ID.lt(page.after());
            if (status != null) {
                condition = condition.and(TOOL_APPROVALS.STATUS.eq(status));
            }
            List<Approval> rows = dsl.selectFrom(TOOL_APPROVALS)
                    .where(condition)
                    .orderBy(TOOL_APPROVALS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqApprovalRepository::map);
            return Page.fromOverfetch(rows, page.limit(), Approval::id);
        });
    }

    private static Approval map(ToolApprovalsRecord r) {
        return new Approval(
                r.getId(),
                r.getOrgId(),
                r.getAgentId(),
                r.getToolId(),
                r.getToolName(),
                r.getCallId(),
                r.getTurnId(),
                r.getConversationId(),
                r.getArgumentsPreview(),
                r.getStatus(),
                r.getRequestedAt(),
                r.getExpiresAt(),
                r.getDecidedBy(),
                r.getDecidedAt(),
                r.getReason());
    }
}
