package dev.stoa.tools.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.HealthEvent;
import java.util.Optional;

/** The health history of tools: one event per status change. */
public interface ToolHealthRepository {
    void append(String orgId, HealthEvent event);

    Optional<HealthEvent> latest(String orgId, String toolId);

    /** Newest first. */
    Page<HealthEvent> history(String orgId, String toolId, PageRequest page);
}
