package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.BudgetAlertQueries;
import dev.stoa.monitoring.domain.model.BudgetAlert;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Budget alerts: an agent's spend in a UTC month crossed 80 % or 100 % of its monthly budget. */
@RestController
@Validated
@RequestMapping("/api/v1/monitoring/budget-alerts")
@Tag(name = "Monitoring")
public class BudgetAlertController {
    private final BudgetAlertQueries alerts;

    public BudgetAlertController(BudgetAlertQueries alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    @Operation(
            operationId = "listBudgetAlerts",
            summary = "Budget thresholds (80 %, 100 %) the org's agents crossed, newest first; one per threshold,"
                    + " agent and month.")
    @ProblemResponse(status = 400, description = "agent_id, limit or cursor is invalid.")
    public PageResponse<BudgetAlertView> list(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(min = 1, max = 128) String agentId,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                alerts.list(principal, agentId, PageRequest.of(limit, cursor)).map(BudgetAlertView::of));
    }

    /** A crossed budget threshold; amounts in micro-USD, as the costs report them. */
    public record BudgetAlertView(
            String id,
            String agentId,

            @Schema(description = "The first day of the UTC month.")
            LocalDate month,

            @Schema(description = "80 or 100: the share of the budget crossed.", minimum = "80", maximum = "100")
            int thresholdPercent,

            long budgetMicros,

            @Schema(description = "The month's spend once the turn that crossed the threshold was costed.")
            long spentMicros,

            OffsetDateTime raisedAt) {
        static BudgetAlertView of(BudgetAlert a) {
            return new BudgetAlertView(
                    a.id(),
                    a.agentId(),
                    a.month(),
                    a.thresholdPercent(),
                    a.budgetMicros(),
                    a.spentMicros(),
                    a.raisedAt());
        }
    }
}
