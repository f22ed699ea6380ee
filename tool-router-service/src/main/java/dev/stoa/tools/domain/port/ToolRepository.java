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

    /** Every tool of the org, by name. */
    List<Tool> list(String orgId);
}
