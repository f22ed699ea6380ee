package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.RateLimits;
import dev.stoa.agent.domain.model.RecentUsage;
import dev.stoa.agent.domain.model.RecentUsage.Admission;
import dev.stoa.agent.domain.model.Usage;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.agent.domain.port.AgentRepository.UsageChange;
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
 * Counts what agents use over a sliding minute, as reported by the services that run them (chat before each turn
 * and after each model call), admits a turn's request only while the agent's limits allow it, and so backs
 * {@code GET /agents/{id}/rate-limits}.
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
        RateLimits limits = agent.config().rateLimits();
        OffsetDateTime now = writer.now();
        OffsetDateTime bucket = RecentUsage.bucket(now);
        Recorded recorded = agents.changeUsage(orgId, agentId, RecentUsage.since(now), buckets -> {
            RecentUsage recent = new RecentUsage(buckets, now);
            Admission admission = recent.admit(limits, requests);
            if (!admission.admitted()) {
                // A refused request is not counted: retrying after Retry-After is admitted.
                return new UsageChange<>(new Recorded(recent.total(), limits, admission), bucket, 0, 0);
            }
            Usage total =
                    new Usage(recent.total().windowStart(), recent.requests() + requests, recent.tokens() + tokens);
            return new UsageChange<>(new Recorded(total, limits, admission), bucket, requests, tokens);
        });
        // Buckets only matter for a minute; dropping older ones keeps the table at most a minute of rows per agent.
        OffsetDateTime cutoff = bucket.truncatedTo(ChronoUnit.MINUTES).minusMinutes(2);
        if (!cutoff.equals(purged.put(orgId, cutoff))) {
            agents.purgeUsageBefore(orgId, cutoff);
        }
        return recorded;
    }

    /** The agent's usage over the last minute, and its limits. */
    public Recorded current(String orgId, Agent agent) {
        OffsetDateTime now = writer.now();
        RecentUsage recent = new RecentUsage(agents.usageSince(orgId, agent.id(), RecentUsage.since(now)), now);
        return new Recorded(recent.total(), agent.config().rateLimits(), Admission.ADMITTED);
    }

    /**
     * The minute's totals after a report (the requests not added when refused), the agent's limits, and whether the
     * reported requests were admitted.
     */
    public record Recorded(Usage usage, RateLimits limits, Admission admission) {}
}
