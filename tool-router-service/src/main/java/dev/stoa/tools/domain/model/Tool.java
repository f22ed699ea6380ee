package dev.stoa.tools.domain.model;

import java.time.OffsetDateTime;

/**
 * A registered tool: identified by (org, SDK connection, name).
 *
 * @param source {@code sdk} for a connected backend's tool, {@code builtin} for one the router runs itself, {@code mcp}
 *     for an external MCP server's (its connection is the server's id)
 */
public record Tool(
        String id,
        String orgId,
        String connectionId,
        ToolDefinition definition,
        String version,
        String source,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String SOURCE_SDK = "sdk";
    public static final String SOURCE_BUILTIN = "builtin";
    public static final String SOURCE_MCP = "mcp";

    public String name() {
        return definition.name();
    }

    public boolean builtin() {
        return SOURCE_BUILTIN.equals(source);
    }

    public boolean mcp() {
        return SOURCE_MCP.equals(source);
    }
}
