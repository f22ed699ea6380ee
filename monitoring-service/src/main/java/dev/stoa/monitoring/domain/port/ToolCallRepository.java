package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.ToolCallFilter;
import dev.stoa.monitoring.domain.model.ToolCallStats;

/** The tool-call log of every org. */
public interface ToolCallRepository {
    /** Stores the call unless event {@code eventId} was stored before (then false), atomically with its dedupe. */
    boolean record(String eventId, ToolCall call);

    /** Newest first (by end, then id). */
    Page<ToolCall> list(String orgId, ToolCallFilter filter, PageRequest page);

    ToolCallStats stats(String orgId, ToolCallFilter filter);
}
