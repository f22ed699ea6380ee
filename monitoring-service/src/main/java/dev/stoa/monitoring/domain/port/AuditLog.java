package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.AuditFilter;

/** The append-only audit log of every org. */
public interface AuditLog {
    /** Appends the entry unless event {@code eventId} was appended before (then false), atomically with its dedupe. */
    boolean append(String eventId, AuditEntry entry);

    /** Newest first (by occurrence, then id). */
    Page<AuditEntry> list(String orgId, AuditFilter filter, PageRequest page);
}
