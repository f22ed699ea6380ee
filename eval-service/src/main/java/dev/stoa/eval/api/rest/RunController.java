package dev.stoa.eval.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.api.rest.RunRequests.CreateRun;
import dev.stoa.eval.api.rest.RunViews.ResultView;
import dev.stoa.eval.api.rest.RunViews.RunView;
import dev.stoa.eval.domain.RunComparisons;
import dev.stoa.eval.domain.RunService;
import dev.stoa.eval.domain.model.Comparison;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Evals group's runs: start, progress, per-case results, cancel, re-run failed cases, compare. */
@RestController
@Validated
@RequestMapping("/api/v1/evals/runs")
@Tag(name = "Evals")
public class RunController {
    private final RunService runs;
    private final RunComparisons comparisons;

    public RunController(RunService runs, RunComparisons comparisons) {
        this.runs = runs;
        this.comparisons = comparisons;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createEvalRun",
            summary = "Run one agent version (or two side by side) over a dataset version; runs in the background.")
    @ProblemResponse(status = 404, description = "The dataset, its version or an agent version does not exist.")
    @ProblemResponse(status = 422, description = "The judge model is missing or the org has no provider for it.")
    public ResponseEntity<RunView> create(Principal principal, @Valid @RequestBody CreateRun body) {
        RunView view = RunView.of(runs.create(
                principal,
                new RunService.NewRun(
                        body.datasetId(),
                        body.datasetVersion(),
                        body.agentId(),
                        body.agentVersions(),
                        body.scorers(),
                        body.judgeModel() == null ? null : body.judgeModel().choice(),
                        body.concurrency() == null ? 4 : body.concurrency())));
        return ResponseEntity.created(URI.create("/api/v1/evals/runs/" + view.id()))
                .body(view);
    }

    @GetMapping
    @Operation(operationId = "listEvalRuns", summary = "List eval runs, newest first.")
    public PageResponse<RunView> list(
            Principal principal,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                runs.list(principal, PageRequest.of(limit, cursor)).map(RunView::of));
    }

    @GetMapping("/compare")
    @Operation(
            operationId = "compareEvalRuns",
            summary = "Per-case differences and per-scorer statistics (b - a) of two runs over the same dataset"
                    + " version.")
    @ProblemResponse(status = 404, description = "A run does not exist (names run_a or run_b).")
    @ProblemResponse(status = 422, description = "The runs ran different dataset versions (names run_b).")
    public Comparison compare(
            Principal principal,
            @RequestParam("run_a") @Size(max = 40) String runA,
            @RequestParam("run_b") @Size(max = 40) String runB) {
        return comparisons.compare(principal, runA, runB);
    }

    @GetMapping("/{run_id}")
    @Operation(operationId = "getEvalRun", summary = "Get an eval run and its progress.")
    public RunView get(Principal principal, @PathVariable("run_id") @Size(max = 40) String id) {
        return RunView.of(runs.get(principal, id));
    }

    @GetMapping("/{run_id}/results")
    @Operation(operationId = "getEvalRunResults", summary = "Per-case results of a run, in dataset order.")
    public PageResponse<ResultView> results(
            Principal principal,
            @PathVariable("run_id") @Size(max = 40) String id,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                runs.results(principal, id, PageRequest.of(limit, cursor)).map(ResultView::of));
    }

    @PostMapping("/{run_id}/cancel")
    @Operation(
            operationId = "cancelEvalRun",
            summary = "Cancel a queued or running run (cases not started are not run).")
    public RunView cancel(Principal principal, @PathVariable("run_id") @Size(max = 40) String id) {
        return RunView.of(runs.cancel(principal, id));
    }

    @PostMapping("/{run_id}/rerun-failed")
    @Operation(
            operationId = "rerunFailedEvalCases",
            summary = "Run the cases whose turn failed again, as new turns; the run is queued again.")
    public RunView rerunFailed(Principal principal, @PathVariable("run_id") @Size(max = 40) String id) {
        return RunView.of(runs.rerunFailed(principal, id));
    }
}
