package dev.stoa.tools.domain.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What an org exposes to MCP clients at {@code /mcp/{org_slug}/{id}}.
 *
 * @param tools tool names (the org's tools, MCP servers' tools and built-ins), as written
 * @param toolGroups names of the org's tool groups whose tools it exposes too
 * @param agents ids of the org's agents it exposes, each as a tool {@code ask_<agent id>} that runs a chat turn
 * @param authModes how its clients may authenticate: {@code oauth} and/or {@code pat}
 */
public record McpEndpoint(
        String id,
        String orgId,
        String name,
        List<String> tools,
        List<String> toolGroups,
        List<String> agents,
        List<String> authModes,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String AUTH_OAUTH = "oauth";
    public static final String AUTH_PAT = "pat";
    /** The exposed name of an agent's tool: this prefix and the agent's id. */
    public static final String AGENT_TOOL_PREFIX = "ask_";

    public McpEndpoint {
        tools = List.copyOf(tools);
        toolGroups = List.copyOf(toolGroups);
        agents = List.copyOf(agents);
        authModes = List.copyOf(authModes);
    }
}
