package dev.stoa.tools.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.McpEndpoint;
import java.util.Optional;

/** MCP endpoints, per org. */
public interface McpEndpointRepository {
    /** Inserts it; false when the org already has an endpoint of that name. */
    boolean insert(McpEndpoint endpoint);

    /** Replaces everything but its id, org and creation; false when the new name is taken. */
    boolean update(McpEndpoint endpoint);

    boolean delete(String orgId, String endpointId);

    Optional<McpEndpoint> find(String orgId, String endpointId);

    /** Newest first. */
    Page<McpEndpoint> list(String orgId, PageRequest page);
}
