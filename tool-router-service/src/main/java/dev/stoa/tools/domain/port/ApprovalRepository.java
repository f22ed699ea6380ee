package dev.stoa.tools.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.Approval;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Approvals of tool calls. */
public interface ApprovalRepository {
    /** Inserts it unless the call (org, turn, call id) already has one; returns the one that is stored. */
    Approval insertOrGet(Approval approval);

    Optional<Approval> find(String orgId, String approvalId);

    /** Moves a pending approval to {@code status}; false when it was no longer pending. */
    boolean decide(
            String orgId,
            String approvalId,
            String status,
            @Nullable String decidedBy,
            OffsetDateTime at,
            @Nullable String reason);

    /** Newest first; {@code status} null for all. */
    Page<Approval> list(String orgId, @Nullable String status, PageRequest page);
}
