package dev.stoa.tools.domain.port;

import java.time.OffsetDateTime;

/** The agents of each org as agent-service announced them (stoa.agents.v1). */
public interface AgentDirectory {
    /** Whether the org has this agent and it is not deleted. */
    boolean exists(String orgId, String agentId);

    void record(String orgId, String agentId, boolean deleted, OffsetDateTime at);
}
