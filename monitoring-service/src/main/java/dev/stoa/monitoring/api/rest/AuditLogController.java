package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.api.rest.MonitoringViews.AuditLogView;
import dev.stoa.monitoring.domain.MonitoringQueries;
import dev.stoa.monitoring.domain.model.AuditFilter;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
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

/** The org's audit log, append-only (admins and owners; API keys need audit_logs:read). */
@RestController
@Validated
@RequestMapping("/api/v1/audit-logs")
@Tag(name = "Audit logs")
public class AuditLogController {
    private final MonitoringQueries queries;

    public AuditLogController(MonitoringQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(
            operationId = "listAuditLogs",
            summary = "Who did what to which resource, newest first; from..to defaults to the last 31 days, the"
                    + " widest range allowed.")
    @ProblemResponse(status = 400, description = "A filter is invalid or the range is wider than 31 days.")
    public PageResponse<AuditLogView> list(
            Principal principal,
            @RequestParam(name = "actor_id", required = false) @Nullable @Size(min = 1, max = 128) String actorId,
            @RequestParam(name = "action", required = false)
                    @Nullable
                    @Size(min = 1, max = 128)
                    @Pattern(
                            regexp = "[a-z0-9_]+(\\.[a-z0-9_]+)*",
                            message = "must be a dotted action such as api_key.created")
                    String action,
            @RequestParam(name = "resource_type", required = false) @Nullable @Size(min = 1, max = 64)
                    String resourceType,
            @RequestParam(name = "from", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @Nullable @DateTimeFormat(iso = ISO.DATE_TIME)
                    OffsetDateTime to,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        AuditFilter filter = new AuditFilter(queries.auditRange(from, to), actorId, action, resourceType);
        return PageResponse.of(queries.auditLog(principal, filter, PageRequest.of(limit, cursor))
                .map(AuditLogView::of));
    }
}
