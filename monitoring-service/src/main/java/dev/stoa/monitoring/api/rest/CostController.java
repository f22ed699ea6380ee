package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.monitoring.api.rest.MonitoringViews.CostsView;
import dev.stoa.monitoring.domain.MonitoringQueries;
import dev.stoa.monitoring.domain.model.CostGrouping;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The org's spend from the cost ledger (members and viewers; API keys need monitoring:read). */
@RestController
@Validated
@RequestMapping("/api/v1/monitoring/costs")
@Tag(name = "Monitoring")
public class CostController {
    private final MonitoringQueries queries;

    public CostController(MonitoringQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(
            operationId = "getCosts",
            summary = "Spend (turns, tokens, cost) per UTC day, agent or model over the days from..to (inclusive;"
                    + " default the last 30 days, at most 366).")
    @ProblemResponse(status = 400, description = "A parameter is invalid or the range is wider than 366 days.")
    public CostsView costs(
            Principal principal,
            @RequestParam(name = "group_by", required = false) @Nullable @OneOf(of = CostGrouping.class) String groupBy,
            @RequestParam(name = "from", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(name = "to", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE) LocalDate to) {
        CostGrouping grouping =
                groupBy == null ? CostGrouping.DAY : CostGrouping.valueOf(groupBy.toUpperCase(Locale.ROOT));
        return CostsView.of(queries.costs(principal, grouping, from, to));
    }
}
