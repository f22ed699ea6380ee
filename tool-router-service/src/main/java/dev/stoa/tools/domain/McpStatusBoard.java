package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.McpStatus;
import dev.stoa.tools.domain.model.Tool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What this instance knows of each MCP server's connection (kept apart from {@link McpLinks} so that tool health and
 * agents' tools can read it without depending on the connections).
 */
@Component
public final class McpStatusBoard {
    private final Map<String, McpStatus> statuses = new ConcurrentHashMap<>();

    /** The server's status; unknown until this instance connected (or tried). */
    public McpStatus of(String orgId, String serverId) {
        return statuses.getOrDefault(key(orgId, serverId), McpStatus.unknown());
    }

    /** Whether the tool's MCP server answers and lists it. */
    boolean serves(Tool tool) {
        McpStatus status = of(tool.orgId(), tool.connectionId());
        return status.connected() && status.tools().contains(tool.name());
    }

    void put(String orgId, String serverId, McpStatus status) {
        statuses.put(key(orgId, serverId), status);
    }

    void remove(String orgId, String serverId) {
        statuses.remove(key(orgId, serverId));
    }

    private static String key(String orgId, String serverId) {
        return orgId + "/" + serverId;
    }
}
