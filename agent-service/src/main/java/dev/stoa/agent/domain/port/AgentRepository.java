package dev.stoa.agent.domain.port;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.Canary;
import dev.stoa.agent.domain.model.Status;
import dev.stoa.agent.domain.model.Usage;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

    /** The agent's usage buckets from {@code since} on. */
    List<Usage> usageSince(String orgId, String agentId, OffsetDateTime since);

    /**
     * Holding a lock on the agent's usage: reads its buckets from {@code since} on, lets {@code decide} say what to add,
     * adds it, and returns the decision's result. Concurrent reports of one agent are serialised, so two requests
     * cannot both take the last one a limit allows.
     */
    <T> T changeUsage(String orgId, String agentId, OffsetDateTime since, Function<List<Usage>, UsageChange<T>> decide);

    /** What to add to the bucket starting at {@code bucket} (nothing when both counts are 0), and the result. */
    record UsageChange<T>(T result, OffsetDateTime bucket, long requests, long tokens) {}

    /** Drops usage buckets that began before {@code cutoff} (they only matter for the last minute). */
    int purgeUsageBefore(String orgId, OffsetDateTime cutoff);
}
