package dev.stoa.chat.domain.port;

import dev.stoa.chat.domain.model.AgentRuntime;
import dev.stoa.chat.domain.model.UsageWindow;

/** agent-service as chat needs it: runtime configs of agent versions, and the per-minute usage counter. */
public interface AgentRuntimes {

    /** The version serving a new conversation now (canary applied by {@code conversationKey}); 404 if unknown. */
    AgentRuntime serving(String orgId, String agentId, String conversationKey);

    /** A pinned version (a conversation's). */
    AgentRuntime version(String orgId, String agentId, int version);

    /** Adds to the agent's usage; returns the last minute's totals, the limits, and whether the requests were admitted. */
    UsageWindow recordUsage(String orgId, String agentId, long requests, long tokens);
}
