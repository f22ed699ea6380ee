package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.model.SelectedTool;
import dev.stoa.tools.domain.port.ApprovalEvents;
import dev.stoa.tools.domain.port.ApprovalRepository;
import dev.stoa.tools.domain.port.AuditEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calls of tools marked "approval required" wait for an org member to approve or reject them, for at most
 * {@link #TTL}. The approval is stored before the caller hears of it, so it survives a restart of tool-router: the
 * caller's retry of the same call (same turn and call id) finds it and waits on, or runs once it was approved.
 */
@Service
public final class ToolApprovals {
    /** How long a call waits for a decision. */
    public static final Duration TTL = Duration.ofMinutes(10);

    private final ApprovalRepository approvals;
    private final AuditEvents audit;
    private final ApprovalEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<String, Consumer<String>> waiters = new ConcurrentHashMap<>();

    public ToolApprovals(
            ApprovalRepository approvals,
            AuditEvents audit,
            ApprovalEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.approvals = approvals;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The approval of this call: the one stored for (turn, call id), else a new pending one, stored with its audit
     * record and its approval.requested event in one transaction (a retry of the call announces nothing twice).
     */
    Approval request(String orgId, CallContext context, String callId, SelectedTool tool, String argumentsPreview) {
        OffsetDateTime now = now();
        Approval candidate = new Approval(
                Ids.generate("apr"),
                orgId,
                context.agentId(),
                tool.tool().id(),
                tool.tool().name(),
                callId,
                context.turnId(),
                context.conversationId(),
                argumentsPreview,
                Approval.PENDING,
                now,
                now.plus(TTL),
                null,
                null,
                null);
        Approval stored = transactions.execute(status -> {
            Approval row = approvals.insertOrGet(candidate);
            if (row.id().equals(candidate.id())) {
                audit.approvalRequested(row);
                events.requested(row);
            }
            return row;
        });
        if (stored == null) {
            throw new IllegalStateException("the approval transaction returned nothing");
        }
        return stored;
    }

    /** Calls {@code onDecision} with the new status when a person decides (on this instance). */
    void await(String approvalId, Consumer<String> onDecision) {
        waiters.put(approvalId, onDecision);
    }

    /** The call stopped waiting (expired, cancelled): marks a still-pending approval {@code status}. */
    void end(String orgId, String approvalId, String status) {
        waiters.remove(approvalId);
        approvals.decide(orgId, approvalId, status, null, now(), null);
    }

    public Approval decide(Principal principal, String approvalId, boolean approve, @Nullable String reason) {
        String orgId = Access.write(principal);
        Approval approval =
                approvals.find(orgId, approvalId).orElseThrow(() -> new NotFoundException("tool approval", approvalId));
        String status = approval.statusAt(clock.instant());
        String decision = approve ? Approval.APPROVED : Approval.REJECTED;
        if (!Approval.PENDING.equals(status)
                || !approvals.decide(orgId, approvalId, decision, Access.actor(principal), now(), reason)) {
            throw new ConflictException(
                    "approval_not_pending",
                    "the approval is " + (Approval.PENDING.equals(status) ? "decided" : status));
        }
        Approval decided = approvals.find(orgId, approvalId).orElseThrow();
        audit.approvalDecided(
                decided, Access.actor(principal), principal.tokenType().wire());
        Consumer<String> waiter = waiters.remove(approvalId);
        if (waiter != null) {
            waiter.accept(decision);
        }
        return decided;
    }

    public Page<Approval> list(Principal principal, @Nullable String status, PageRequest page) {
        // an approval past its expiry reads as expired even before the call's timer marked it
        return approvals.list(Access.read(principal), status, page).map(a -> a.asOf(clock.instant()));
    }

    public Approval get(Principal principal, String approvalId) {
        return approvals
                .find(Access.read(principal), approvalId)
                .map(a -> a.asOf(clock.instant()))
                .orElseThrow(() -> new NotFoundException("tool approval", approvalId));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
