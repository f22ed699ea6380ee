package dev.stoa.eval.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.api.rest.QualityRequests.PutConfig;
import dev.stoa.eval.api.rest.QualityRequests.RunChecks;
import dev.stoa.eval.api.rest.QualityViews.CheckView;
import dev.stoa.eval.api.rest.QualityViews.ConfigView;
import dev.stoa.eval.domain.QualityService;
import dev.stoa.eval.domain.port.QualityRepository.Filter;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Quality group: per-agent live quality checks of sampled turns, their statistics, and a check run now. */
@RestController
@Validated
@RequestMapping("/api/v1/quality")
@Tag(name = "Quality")
public class QualityController {
    private final QualityService quality;

    public QualityController(QualityService quality) {
        this.quality = quality;
    }

    @GetMapping("/config/{agent_id}")
    @Operation(operationId = "getQualityConfig", summary = "Get an agent's quality check configuration.")
    public ConfigView config(Principal principal, @PathVariable("agent_id") @Size(max = 40) String agentId) {
        return ConfigView.of(quality.config(principal, agentId));
    }

    @PutMapping("/config/{agent_id}")
    @Operation(operationId = "putQualityConfig", summary = "Set an agent's quality check configuration.")
    @ProblemResponse(status = 404, description = "The agent does not exist.")
    @ProblemResponse(status = 422, description = "The org has no provider for the judge model.")
    public ConfigView putConfig(
            Principal principal,
            @PathVariable("agent_id") @Size(max = 40) String agentId,
            @Valid @RequestBody PutConfig body) {
        return ConfigView.of(quality.configure(
                principal,
                agentId,
                new QualityService.ConfigInput(
                        body.enabled(),
                        Objects.requireNonNullElse(body.sampleRate(), 0.1),
                        body.rubric(),
                        body.judgeModel().choice(),
                        Objects.requireNonNullElse(body.passThreshold(), 0.5))));
    }

    @GetMapping("/checks")
    @Operation(operationId = "listQualityChecks", summary = "Paginated quality checks, newest first.")
    public PageResponse<CheckView> checks(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(max = 40) String agentId,
            @RequestParam(name = "passed", required = false) @Nullable Boolean passed,
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime to,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                quality.checks(principal, new Filter(agentId, passed, from, to), PageRequest.of(limit, cursor))
                        .map(CheckView::of));
    }

    @GetMapping("/checks/stats")
    @Operation(
            operationId = "getQualityStats",
            summary = "Per agent: checks, mean score and pass rate, in total and by UTC day.")
    public QualityViews.QualityStatsView stats(
            Principal principal,
            @RequestParam(name = "agent_id", required = false) @Nullable @Size(max = 40) String agentId,
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime to) {
        return new QualityViews.QualityStatsView(quality.stats(principal, new Filter(agentId, null, from, to)));
    }

    @PostMapping("/checks/run")
    @Operation(
            operationId = "runQualityChecks",
            summary = "Judge now the kept turns of an agent in a time window (at most 31 days) that have no check;"
                    + " answers the counts.")
    @ProblemResponse(status = 422, description = "from after to, a window over 31 days, or no quality config.")
    public QualityService.RunSummary run(Principal principal, @Valid @RequestBody RunChecks body) {
        return quality.run(
                principal, body.agentId(), body.from(), body.to(), Objects.requireNonNullElse(body.limit(), 100));
    }
}
