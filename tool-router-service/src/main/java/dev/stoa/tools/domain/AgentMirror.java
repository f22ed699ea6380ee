package dev.stoa.tools.domain;

import dev.stoa.tools.domain.port.AgentDirectory;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/** Follows agent-service's announcements so tool paths can answer 404 for agents the org does not have. */
@Service
public final class AgentMirror {
    private final AgentDirectory agents;

    public AgentMirror(AgentDirectory agents) {
        this.agents = agents;
    }

    /** An agent changed; {@code change} is AgentChanged's (created, deleted, ...). Org-wide changes are not ours. */
    public void changed(String orgId, String agentId, String change, OffsetDateTime at) {
        if (orgId.isBlank() || agentId.isBlank()) {
            return;
        }
        agents.record(orgId, agentId, "deleted".equals(change), at);
    }
}
