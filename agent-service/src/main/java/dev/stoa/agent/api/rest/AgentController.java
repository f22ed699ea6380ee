package dev.stoa.agent.api.rest;

import dev.stoa.agent.api.rest.AgentRequests.CreateAgent;
import dev.stoa.agent.api.rest.AgentRequests.InitialBlock;
import dev.stoa.agent.api.rest.AgentRequests.ModelBody;
import dev.stoa.agent.api.rest.AgentRequests.SetCanary;
import dev.stoa.agent.api.rest.AgentRequests.UpdateAgent;
import dev.stoa.agent.api.rest.AgentViews.AgentView;
import dev.stoa.agent.api.rest.AgentViews.RateLimitStatusView;
import dev.stoa.agent.api.rest.AgentViews.VersionView;
import dev.stoa.agent.domain.AgentService;
import dev.stoa.agent.domain.AgentService.AgentChanges;
import dev.stoa.agent.domain.AgentService.BlockInput;
import dev.stoa.agent.domain.AgentService.ModelInput;
import dev.stoa.agent.domain.AgentService.NewAgent;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.Status;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.web.validation.OneOf;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The Agents group: agents, their lifecycle, versions, rollback, canary and rate limits. */
@RestController
@RequestMapping("/api/v1/agents")
@Tag(name = "Agents")
public class AgentController {
    private final AgentService agents;

    public AgentController(AgentService agents) {
        this.agents = agents;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createAgent", summary = "Create an agent (members and above). Its first version is 1.")
    public ResponseEntity<AgentView> create(Principal principal, @Valid @RequestBody CreateAgent body) {
        List<BlockInput> blocks = body.promptBlocks() == null
                ? List.of()
                : body.promptBlocks().stream().map(AgentController::block).toList();
        Agent agent = agents.create(
                principal,
                new NewAgent(
                        body.name(),
                        body.description(),
                        model(body.model()),
                        blocks,
                        json(body.inputSchema()),
                        json(body.outputSchema()),
                        body.rateLimits() == null ? null : body.rateLimits().requestsPerMinute(),
                        body.rateLimits() == null ? null : body.rateLimits().tokensPerMinute(),
                        body.monthlyBudgetUsd(),
                        json(body.metadata())));
        return ResponseEntity.created(URI.create("/api/v1/agents/" + agent.id()))
                .eTag(Preconditions.etag(agent.version()))
                .body(AgentView.of(agent));
    }

    @GetMapping
    @Operation(operationId = "listAgents", summary = "List agents, newest first; filter by status (active, paused).")
    public PageResponse<AgentView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable @OneOf(of = Status.class) String status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Status filter = null;
        if (status != null) {
            try {
                filter = Status.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "must be active or paused");
            }
        }
        return PageResponse.of(
                agents.list(principal, filter, PageRequest.of(limit, cursor)).map(AgentView::summary));
    }

    @GetMapping("/{agent_id}")
    @Operation(operationId = "getAgent", summary = "Get an agent; its ETag is its version.")
    public ResponseEntity<AgentView> get(Principal principal, @PathVariable("agent_id") String agentId) {
        return view(agents.get(principal, agentId));
    }

    @PatchMapping("/{agent_id}")
    @Operation(
            operationId = "updateAgent",
            summary = "Update an agent: a new version unless nothing changed. If-Match guards against races.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<AgentView> update(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateAgent body) {
        Agent agent = agents.update(
                principal,
                agentId,
                Preconditions.expected(ifMatch, body.version()),
                new AgentChanges(
                        body.name(),
                        body.description(),
                        model(body.model()),
                        body.rateLimits() == null ? null : body.rateLimits().requestsPerMinute(),
                        body.rateLimits() == null ? null : body.rateLimits().tokensPerMinute(),
                        body.monthlyBudgetUsd(),
                        json(body.metadata())));
        return view(agent);
    }

    @DeleteMapping("/{agent_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteAgent",
            summary = "Delete an agent: it disappears from the API; its version history is kept.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public void delete(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        agents.delete(principal, agentId, Preconditions.expected(ifMatch, null));
    }

    @PostMapping("/{agent_id}/pause")
    @Operation(
            operationId = "pauseAgent",
            summary = "Pause an agent: it refuses new turns (agent_paused). Not a new version.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<AgentView> pause(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        return view(agents.setStatus(principal, agentId, Preconditions.expected(ifMatch, null), Status.PAUSED));
    }

    @PostMapping("/{agent_id}/resume")
    @Operation(operationId = "resumeAgent", summary = "Resume a paused agent. Not a new version.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<AgentView> resume(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        return view(agents.setStatus(principal, agentId, Preconditions.expected(ifMatch, null), Status.ACTIVE));
    }

    @GetMapping("/{agent_id}/versions")
    @Operation(
            operationId = "listAgentVersions",
            summary = "List an agent's versions, newest first (without their configs).")
    public PageResponse<VersionView> versions(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(agents.versions(principal, agentId, PageRequest.of(limit, cursor))
                .map(v -> VersionView.of(v, false)));
    }

    @GetMapping("/{agent_id}/versions/{version_number}")
    @Operation(operationId = "getAgentVersion", summary = "Get one version with the whole configuration it captured.")
    public VersionView version(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("version_number") int version) {
        return VersionView.of(agents.version(principal, agentId, version), true);
    }

    @PostMapping("/{agent_id}/versions/{version_number}/rollback")
    @Operation(operationId = "rollbackAgent", summary = "Roll back: a new version equal to the given one.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    @ProblemResponse(
            status = 422,
            description = "model_unavailable: that version uses a provider or tier that no longer exists.")
    public ResponseEntity<AgentView> rollback(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("version_number") int version,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        return view(agents.rollback(principal, agentId, version, Preconditions.expected(ifMatch, null)));
    }

    @PutMapping("/{agent_id}/canary")
    @Operation(
            operationId = "setAgentCanary",
            summary = "Serve a share of new conversations with another version (stable per conversation).")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<AgentView> setCanary(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody SetCanary body) {
        return view(agents.setCanary(
                principal, agentId, body.version(), body.percent(), Preconditions.expected(ifMatch, null)));
    }

    @DeleteMapping("/{agent_id}/canary")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "clearAgentCanary",
            summary = "Stop the canary: every new conversation gets the current version.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public void clearCanary(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        agents.clearCanary(principal, agentId, Preconditions.expected(ifMatch, null));
    }

    @GetMapping("/{agent_id}/rate-limits")
    @Operation(
            operationId = "getAgentRateLimits",
            summary = "Get the agent's rate limits and its usage over the last minute.")
    public RateLimitStatusView rateLimits(Principal principal, @PathVariable("agent_id") String agentId) {
        return RateLimitStatusView.of(agents.rateLimits(principal, agentId));
    }

    static ResponseEntity<AgentView> view(Agent agent) {
        return ResponseEntity.ok().eTag(Preconditions.etag(agent.version())).body(AgentView.of(agent));
    }

    /** A JSON document as compact text; JSON null counts as absent. */
    static @Nullable String json(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static @Nullable ModelInput model(@Nullable ModelBody body) {
        return body == null ? null : new ModelInput(body.tier(), body.providerId(), body.model());
    }

    private static BlockInput block(InitialBlock block) {
        return new BlockInput(block.name(), block.content(), block.enabled());
    }
}
