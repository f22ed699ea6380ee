package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.Tool;
import java.util.List;
import java.util.Optional;

/** Registered tools, per org. */
public interface ToolRepository {
    /** Inserts the tool or, when (org, connection, name) exists, replaces its definition and version. */
    Tool upsert(Tool tool);

    Optional<Tool> find(String orgId, String connectionId, String name);

    Optional<Tool> findById(String orgId, String toolId);

    /** Deletes every tool of one connection (an MCP server deleted or renamed). */
    void deleteConnection(String orgId, String connectionId);

    /** Deletes these tools of one connection (an MCP server no longer lists them). */
    void delete(String orgId, String connectionId, java.util.Collection<String> names);

    /** Every tool of the org, by name. */
    List<Tool> list(String orgId);
}
