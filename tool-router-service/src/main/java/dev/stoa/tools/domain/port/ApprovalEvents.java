package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.Approval;

/** Tells the platform a person's decision is awaited (stoa.approvals.v1, webhook event approval.requested). */
public interface ApprovalEvents {
    /** Writes the event in the caller's transaction: it is published only if the approval is stored. */
    void requested(Approval approval);
}
