package dev.stoa.eval.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.api.rest.AbTestRequests.CreateAbTest;
import dev.stoa.eval.api.rest.AbTestRequests.PromoteAbTest;
import dev.stoa.eval.api.rest.AbTestViews.AbTestStatsView;
import dev.stoa.eval.api.rest.AbTestViews.AbTestView;
import dev.stoa.eval.domain.AbTestService;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Objects;
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

/** The Evals group's A/B tests: live traffic split between two agent versions, judged, compared and promoted. */
@RestController
@Validated
@RequestMapping("/api/v1/evals/ab-tests")
@Tag(name = "Evals")
public class AbTestController {
    private final AbTestService tests;

    public AbTestController(AbTestService tests) {
        this.tests = tests;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createAbTest",
            summary = "Start an A/B test: the candidate version becomes the agent's canary; live turns are judged.")
    @ProblemResponse(status = 404, description = "The agent or the candidate version does not exist.")
    @ProblemResponse(status = 409, description = "The agent already has a running A/B test.")
    @ProblemResponse(status = 422, description = "The org has no provider for the judge model, or B is current.")
    public ResponseEntity<AbTestView> create(Principal principal, @Valid @RequestBody CreateAbTest body) {
        AbTestView view = AbTestView.of(tests.create(
                principal,
                new AbTestService.NewAbTest(
                        body.name().strip(),
                        body.agentId(),
                        body.variantBVersion(),
                        Objects.requireNonNullElse(body.percent(), 50),
                        body.rubric(),
                        body.judgeModel().choice(),
                        Objects.requireNonNullElse(body.sampleRate(), 1.0),
                        Objects.requireNonNullElse(body.passThreshold(), 0.5),
                        Objects.requireNonNullElse(body.minDetectableEffect(), 0.1),
                        body.minSamplesPerVariant(),
                        Objects.requireNonNullElse(body.alpha(), 0.05))));
        return ResponseEntity.created(URI.create("/api/v1/evals/ab-tests/" + view.id()))
                .body(view);
    }

    @GetMapping
    @Operation(operationId = "listAbTests", summary = "List A/B tests, newest first.")
    public PageResponse<AbTestView> list(
            Principal principal,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                tests.list(principal, PageRequest.of(limit, cursor)).map(AbTestView::of));
    }

    @GetMapping("/{test_id}")
    @Operation(operationId = "getAbTest", summary = "Get an A/B test.")
    public AbTestView get(Principal principal, @PathVariable("test_id") @Size(max = 40) String id) {
        return AbTestView.of(tests.get(principal, id));
    }

    @GetMapping("/{test_id}/stats")
    @Operation(
            operationId = "getAbTestStats",
            summary = "Per-variant statistics, the difference b - a with intervals and p-values, the sample size"
                    + " needed and the decision.")
    public AbTestStatsView stats(Principal principal, @PathVariable("test_id") @Size(max = 40) String id) {
        return AbTestStatsView.of(tests.stats(principal, id));
    }

    @PostMapping("/{test_id}/promote")
    @Operation(
            operationId = "promoteAbTest",
            summary = "Promote a variant (default: the winner): B becomes the agent's current version, or A stays"
                    + " and the canary stops; the test completes.")
    @ProblemResponse(status = 409, description = "No winner yet (no_winner) or the test is not running.")
    public AbTestView promote(
            Principal principal,
            @PathVariable("test_id") @Size(max = 40) String id,
            @Valid @RequestBody(required = false) @Nullable PromoteAbTest body) {
        return AbTestView.of(tests.promote(principal, id, body == null ? null : body.variant()));
    }

    @PostMapping("/{test_id}/stop")
    @Operation(operationId = "stopAbTest", summary = "Stop a running A/B test without promoting: the canary stops.")
    @ProblemResponse(status = 409, description = "The test is not running.")
    public AbTestView stop(Principal principal, @PathVariable("test_id") @Size(max = 40) String id) {
        return AbTestView.of(tests.stop(principal, id));
    }
}
