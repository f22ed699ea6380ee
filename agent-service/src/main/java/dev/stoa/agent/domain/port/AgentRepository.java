package dev.stoa.agent.domain.port;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.Canary;
import dev.stoa.agent.domain.model.Status;
import dev.stoa.agent.domain.model.Usage;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Agents, their immutable versions and their per-minute usage. */
public interface AgentRepository {
    /** Inserts a new agent and its first version. */
    void insert(Agent agent, AgentVersion first);

    Optional<Agent> find(String orgId, String agentId);

    /**
     * Locks a live agent's row until the surrounding transaction ends, so concurrent changes queue behind each other
     * and each sees the version the previous one wrote. Returns false when there is no such live agent.
     */
    boolean lock(String orgId, String agentId);

    /** Live agents, newest first, optionally only those with {@code status}. */
    Page<Agent> list(String orgId, @Nullable Status status, PageRequest page);

    /** Makes {@code next} the agent's current version (call with the agent locked). */
    void appendVersion(String orgId, AgentVersion next);

    void setStatus(String orgId, String agentId, Status status, OffsetDateTime now);

    void setCanary(String orgId, String agentId, @Nullable Canary canary, OffsetDateTime now);

    /** Hides the agent; its versions stay. It no longer counts as a user of its provider or tier. */
    void softDelete(String orgId, String agentId, OffsetDateTime now);

    /** Versions, newest first; {@code promptOnly} keeps those whose prompt blocks changed. */
    Page<AgentVersion> versions(String orgId, String agentId, PageRequest page, boolean promptOnly);

    Optional<AgentVersion> version(String orgId, String agentId, int version);

    /** Whether a live agent's current version uses the provider directly. */
    boolean usesProvider(String orgId, String providerId);

    /** Whether a live agent's current version follows the tier. */
    boolean usesTier(String orgId, String tierId);

    /** Usage recorded for the agent in the minute window starting at {@code windowStart}, if any. */
    Optional<Usage> usage(String orgId, String agentId, OffsetDateTime windowStart);

    /** Adds to the agent's usage in the window starting at {@code windowStart}; returns the window's new totals. */
    Usage addUsage(String orgId, String agentId, OffsetDateTime windowStart, long requests, long tokens);

    /** Drops usage windows that ended before {@code cutoff} (they only matter for the current minute). */
    int purgeUsageBefore(String orgId, OffsetDateTime cutoff);
}
