package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.api.rest.SafetyViews.SafetyAlertView;
import dev.stoa.monitoring.api.rest.SafetyViews.SafetyStatsView;
import dev.stoa.monitoring.domain.SafetyAlerts;
import dev.stoa.monitoring.domain.model.SafetyAlertFilter;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The org's safety alerts and their counts (members and viewers; API keys need monitoring:read). */
@RestController
@Validated
@RequestMapping("/api/v1/monitoring/safety")
@Tag(name = "Safety")
public class SafetyAlertController {
    private final SafetyAlerts alerts;

    public SafetyAlertController(SafetyAlerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    @Operation(
            operationId = "listSafetyAlerts",
            summary = "Safety findings reported by the services, newest first, with a masked preview (never the"
                    + " match); from..to defaults to the last 24 hours, at most 31 days.")
    @ProblemResponse(status = 400, description = "A filter is invalid or the range is wider than 31 days.")
    public PageResponse<SafetyAlertView> list(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(min = 1, max = 128) String agentId,
            @RequestParam(name = "detector", required = false)
                    @Nullable
                    @OneOf({"email", "phone", "payment_card", "iban", "national_id", "secret", "prompt_injection"})
                    String detector,
            @RequestParam(name = "surface", required = false)
                    @Nullable
                    @OneOf({"user_input", "model_output", "tool_arguments", "tool_results"})
                    String surface,
            @RequestParam(name = "action", required = false) @Nullable @OneOf({"flag", "redact", "block"})
                    String action,
            @RequestParam(name = "from", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime to,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        SafetyAlertFilter filter = new SafetyAlertFilter(alerts.range(from, to), agentId, detector, surface, action);
        return PageResponse.of(
                alerts.list(principal, filter, PageRequest.of(limit, cursor)).map(SafetyAlertView::of));
    }

    @GetMapping("/stats")
    @Operation(
            operationId = "getSafetyStats",
            summary = "Counts of safety alerts per detector, action and surface; from..to defaults to the last 24"
                    + " hours, at most 31 days.")
    @ProblemResponse(status = 400, description = "A filter is invalid or the range is wider than 31 days.")
    public SafetyStatsView stats(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(min = 1, max = 128) String agentId,
            @RequestParam(name = "from", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime to) {
        SafetyAlertFilter filter = new SafetyAlertFilter(alerts.range(from, to), agentId, null, null, null);
        return SafetyStatsView.of(alerts.stats(principal, filter));
    }
}
