package dev.stoa.tools.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.McpServer;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** External MCP servers, per org, with their credential's secret sealed. */
public interface McpServerRepository {
    /** Inserts it; false when the org already has a server of that name. */
    boolean insert(McpServer server, @Nullable String sealedSecret);

    /** Replaces name, url, credential (and its sealed secret) and updated_at; false when the new name is taken. */
    boolean update(McpServer server, @Nullable String sealedSecret);

    boolean delete(String orgId, String serverId);

    Optional<McpServer> find(String orgId, String serverId);

    /** The sealed secret of the server's credential, if it has one. */
    Optional<String> sealedSecret(String orgId, String serverId);

    /** Newest first. */
    Page<McpServer> list(String orgId, PageRequest page);

    /** (org, server id) of every server of every org, for the resync. */
    List<Ref> all();

    /** A server of some org. */
    record Ref(String orgId, String serverId) {}
}
