package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.Approval;
import dev.stoa.tools.domain.model.ToolGroup;

/** Audit facts of tool-router (stoa.audit.v1). */
public interface AuditEvents {
    /** A call now waits for a person: action {@code tool_approval.requested}. */
    void approvalRequested(Approval approval);

    /** A person decided: action {@code tool_approval.approved} or {@code tool_approval.rejected}. */
    void approvalDecided(Approval approval, String actorId, String actorType);

    /** A tool group was {@code created}, {@code updated} or {@code deleted}: action {@code tool_group.<change>}. */
    void groupChanged(ToolGroup group, String change, String actorId, String actorType);
}
