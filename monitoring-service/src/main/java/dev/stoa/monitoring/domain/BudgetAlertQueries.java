package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.BudgetAlert;
import dev.stoa.monitoring.domain.port.BudgetAlerts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The org's budget alerts, for everyone who reads its costs. */
@Service
public final class BudgetAlertQueries {
    private final BudgetAlerts alerts;

    public BudgetAlertQueries(BudgetAlerts alerts) {
        this.alerts = alerts;
    }

    public Page<BudgetAlert> list(Principal principal, @Nullable String agentId, PageRequest page) {
        return alerts.list(Access.monitoring(principal), agentId, page);
    }
}
