package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.monitoring.domain.port.CostLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/** Month-to-date spend from the ledger, for the platform services that enforce budgets. */
@Service
public final class SpendQueries {
    private final CostLedger ledger;
    private final Clock clock;

    public SpendQueries(CostLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The agent's spend since the first day of the current UTC month, micro-USD. */
    public MonthSpend monthSpend(Principal caller, String orgId, String agentId) {
        if (!caller.isService()) {
            throw new PermissionDeniedException("service_only", "spend over gRPC is for platform services only");
        }
        if (orgId.isBlank()) {
            throw new InvalidInputException("org_id", "is required");
        }
        if (agentId.isBlank() || agentId.length() > EventIngest.ID_MAX) {
            throw new InvalidInputException("agent_id", "must be 1 to " + EventIngest.ID_MAX + " characters");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate monthStart = today.withDayOfMonth(1);
        return new MonthSpend(monthStart, ledger.spent(orgId, agentId, monthStart, today));
    }

    /** Spend of the month that began on {@code monthStart}. */
    public record MonthSpend(LocalDate monthStart, long spentMicros) {}
}
