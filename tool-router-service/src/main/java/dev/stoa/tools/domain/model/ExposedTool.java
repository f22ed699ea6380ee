package dev.stoa.tools.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * A tool an MCP endpoint exposes: one of the org's tools, or an agent as a tool.
 *
 * @param kind {@code tool} or {@code agent}
 * @param tool the org's tool, when {@code kind} is {@code tool}
 * @param agentId the agent, when {@code kind} is {@code agent}
 * @param online whether it can be called now (a connected backend or MCP server serves it; built-ins and agents
 *     always)
 */
public record ExposedTool(
        String name,
        String description,
        String inputSchemaJson,
        String kind,
        @Nullable Tool tool,
        @Nullable String agentId,
        boolean online) {

    public static final String KIND_TOOL = "tool";
    public static final String KIND_AGENT = "agent";

    /** The arguments of an agent's tool: the message to send it. */
    public static final String AGENT_SCHEMA = "{\"additionalProperties\":false,\"properties\":{\"message\":{"
            + "\"description\":\"What to ask the agent.\",\"maxLength\":32000,\"minLength\":1,\"type\":\"string\"}},"
            + "\"required\":[\"message\"],\"type\":\"object\"}";
}
