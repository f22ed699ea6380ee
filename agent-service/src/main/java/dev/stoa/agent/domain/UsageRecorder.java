package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.RateLimits;
import dev.stoa.agent.domain.model.Usage;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.id.Ids;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Counts what agents use per one-minute window, as reported by the services that run them (chat after each model
 * call), so {@code GET /agents/{id}/rate-limits} shows real usage and callers can refuse turns past a limit.
 */
@Service
public final class UsageRecorder {
    /** Ceiling on one report, so a buggy caller cannot overflow a window. */
    static final long MAX_PER_CALL = 100_000_000L;

    private final AgentRepository agents;
    private final AgentWriter writer;
    /** Per org, the cutoff this replica last purged windows before: a purge a minute, not one per report. */
    private final Map<String, OffsetDateTime> purged = new ConcurrentHashMap<>();

    public UsageRecorder(AgentRepository agents, AgentWriter writer) {
        this.agents = agents;
        this.writer = writer;
    }

    public Recorded record(Principal caller, String orgId, String agentId, long requests, long tokens) {
        if (!caller.isService()) {
            throw new PermissionDeniedException("service_only", "usage is reported by platform services only");
        }
        if (orgId.isBlank()) {
            throw new InvalidInputException("org_id", "is required");
        }
        if (requests < 0 || requests > MAX_PER_CALL) {
            throw new InvalidInputException("requests", "must be between 0 and " + MAX_PER_CALL);
        }
        if (tokens < 0 || tokens > MAX_PER_CALL) {
            throw new InvalidInputException("tokens", "must be between 0 and " + MAX_PER_CALL);
        }
        if (!Ids.isValid("agt", agentId)) {
            throw new NotFoundException("agent", agentId);
        }
        Agent agent = writer.get(orgId, agentId);
        OffsetDateTime window = writer.now().truncatedTo(ChronoUnit.MINUTES);
        Usage usage = agents.addUsage(orgId, agentId, window, requests, tokens);
        // Windows only matter while current; dropping old ones keeps the table at one row per active agent.
        OffsetDateTime cutoff = window.minusMinutes(5);
        if (!cutoff.equals(purged.put(orgId, cutoff))) {
            agents.purgeUsageBefore(orgId, cutoff);
        }
        return new Recorded(usage, agent.config().rateLimits());
    }

    /** The window's totals after a report, and the agent's limits. */
    public record Recorded(Usage usage, RateLimits limits) {}
}
