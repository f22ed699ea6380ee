package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.BudgetAlert;
import org.jspecify.annotations.Nullable;

/** Budget alerts of every org (raised by the cost ledger as it costs turns). */
public interface BudgetAlerts {
    /** Newest first; of one agent when {@code agentId} is given. */
    Page<BudgetAlert> list(String orgId, @Nullable String agentId, PageRequest page);
}
