package dev.stoa.agent.api.rest;

import dev.stoa.agent.api.rest.TierRequests.CreateTier;
import dev.stoa.agent.api.rest.TierRequests.TargetBody;
import dev.stoa.agent.api.rest.TierRequests.UpdateTier;
import dev.stoa.agent.api.rest.TierViews.TierView;
import dev.stoa.agent.domain.TierService;
import dev.stoa.agent.domain.model.Tier;
import dev.stoa.agent.domain.model.TierTarget;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Tiers group: org-defined model aliases with ordered fallback targets. */
@RestController
@RequestMapping("/api/v1/tiers")
@Tag(name = "Tiers")
public class TierController {
    private final TierService tiers;

    public TierController(TierService tiers) {
        this.tiers = tiers;
    }

    @GetMapping
    @Operation(operationId = "listTiers", summary = "List model tiers.")
    public PageResponse<TierView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                tiers.list(principal, PageRequest.of(limit, cursor)).map(TierView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createTier",
            summary = "Create a tier (admin): a name and an ordered chain of provider + model.")
    @ProblemResponse(status = 409, description = "tier_name_taken: the org already has a tier with this name.")
    public ResponseEntity<TierView> create(Principal principal, @Valid @RequestBody CreateTier body) {
        Tier tier = tiers.create(principal, body.name(), body.description(), targets(body.targets()));
        return ResponseEntity.created(URI.create("/api/v1/tiers/" + tier.id())).body(TierView.of(tier));
    }

    @GetMapping("/{tier_id}")
    @Operation(operationId = "getTier", summary = "Get a tier.")
    public TierView get(Principal principal, @PathVariable("tier_id") String tierId) {
        return TierView.of(tiers.get(principal, tierId));
    }

    @PatchMapping("/{tier_id}")
    @Operation(operationId = "updateTier", summary = "Update a tier (admin); agents on it follow at once.")
    @ProblemResponse(status = 409, description = "tier_name_taken: the org already has a tier with this name.")
    public TierView update(
            Principal principal, @PathVariable("tier_id") String tierId, @Valid @RequestBody UpdateTier body) {
        return TierView.of(tiers.update(
                principal,
                tierId,
                body.name(),
                body.description(),
                body.targets() == null ? null : targets(body.targets())));
    }

    @DeleteMapping("/{tier_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteTier", summary = "Delete a tier (admin); 409 tier_in_use while an agent uses it.")
    @ProblemResponse(status = 409, description = "tier_in_use: an agent uses this tier.")
    public void delete(Principal principal, @PathVariable("tier_id") String tierId) {
        tiers.delete(principal, tierId);
    }

    private static List<TierTarget> targets(List<TargetBody> targets) {
        return targets.stream()
                .map(t -> new TierTarget(t.providerId(), t.model()))
                .toList();
    }
}
