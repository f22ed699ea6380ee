package dev.stoa.memory.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.memory.api.rest.MemoryViews.FactView;
import dev.stoa.memory.api.rest.MemoryViews.GraphView;
import dev.stoa.memory.api.rest.MemoryViews.MemoryStatsView;
import dev.stoa.memory.api.rest.MemoryViews.UserMemoryView;
import dev.stoa.memory.domain.MemoryQueries;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An agent's memory: stats, and per end user the facts (view by category, list with history, graph), clearing them,
 * rating or deleting one. A user memory knows nothing about has an empty memory (no facts), not a 404.
 */
@RestController
@Validated
@RequestMapping("/api/v1/agents/{agent_id}/memory")
@Tag(name = "Memory")
public class MemoryController {
    private final MemoryQueries queries;

    public MemoryController(MemoryQueries queries) {
        this.queries = queries;
    }

    /** A fact's rating: -1 (wrong), 0, 1 (right); null clears it. */
    public record RateFact(@Nullable Integer rating) {}

    @GetMapping("/stats")
    @Operation(operationId = "getMemoryStats", summary = "Get memory stats.")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    public MemoryStatsView stats(Principal principal, @PathVariable("agent_id") String agentId) {
        return MemoryStatsView.of(queries.stats(principal, agentId));
    }

    @GetMapping("/{user_id}")
    @Operation(operationId = "getUserMemory", summary = "Get memory view for a user: current facts by category.")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    public UserMemoryView view(
            Principal principal, @PathVariable("agent_id") String agentId, @PathVariable("user_id") String userId) {
        return UserMemoryView.of(queries.view(principal, agentId, userId));
    }

    @GetMapping("/{user_id}/facts")
    @Operation(
            operationId = "listMemoryFacts",
            summary = "List extracted facts, newest first; validity current (default), superseded (the history) or"
                    + " all; limit 1..100.")
    @ProblemResponse(status = 400, description = "A filter, the limit or the cursor is invalid.")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    public PageResponse<FactView> facts(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("user_id") String userId,
            @RequestParam(name = "category", required = false) @Nullable String category,
            @RequestParam(name = "validity", required = false) @Nullable String validity,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(queries.list(principal, agentId, userId, category, validity, limit, cursor)
                .map(FactView::of));
    }

    @GetMapping("/{user_id}/graph")
    @Operation(
            operationId = "getMemoryGraph",
            summary = "Get knowledge graph: entities as nodes, facts as edges with their validity.")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    public GraphView graph(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("user_id") String userId,
            @RequestParam(name = "validity", required = false) @Nullable String validity) {
        return GraphView.of(queries.graph(principal, agentId, userId, validity));
    }

    @DeleteMapping("/{user_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "clearUserMemory", summary = "Clear memory for a user: facts, sources, index entries.")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    public void clear(
            Principal principal, @PathVariable("agent_id") String agentId, @PathVariable("user_id") String userId) {
        queries.clear(principal, agentId, userId);
    }

    @PatchMapping("/{user_id}/facts/{fact_id}")
    @Operation(operationId = "rateMemoryFact", summary = "Rate a fact (-1, 0, 1; null clears the rating).")
    @ProblemResponse(status = 400, description = "The rating is not -1, 0, 1 or null.")
    @ProblemResponse(status = 404, description = "No such agent, or no such fact of the user.")
    public FactView rate(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("user_id") String userId,
            @PathVariable("fact_id") String factId,
            @RequestBody RateFact body) {
        return FactView.of(queries.rate(principal, agentId, userId, factId, body.rating()));
    }

    @DeleteMapping("/{user_id}/facts/{fact_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteMemoryFact", summary = "Delete one fact.")
    @ProblemResponse(status = 404, description = "No such agent, or no such fact of the user.")
    public void delete(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("user_id") String userId,
            @PathVariable("fact_id") String factId) {
        queries.delete(principal, agentId, userId, factId);
    }
}
