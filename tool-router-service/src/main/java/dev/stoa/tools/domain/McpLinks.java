package dev.stoa.tools.domain;

import dev.stoa.common.crypto.SecretSealer;
import dev.stoa.common.id.Ids;
import dev.stoa.tools.domain.model.McpServer;
import dev.stoa.tools.domain.model.McpStatus;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolDefinition;
import dev.stoa.tools.domain.model.ToolFailure;
import dev.stoa.tools.domain.port.McpConnector;
import dev.stoa.tools.domain.port.McpServerRepository;
import dev.stoa.tools.domain.port.ToolRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * This instance's live connections to the orgs' external MCP servers, and their tools as the org's tools. A server's
 * tool {@code t} is the org's tool {@code <server name>__t} (source {@code mcp}, its connection the server's id); a
 * tool whose org name would not be a valid tool name ({@code [a-zA-Z0-9_-]{1,64}}) is skipped and listed in the
 * server's status. The tools are listed again on {@code notifications/tools/list_changed} and by a periodic resync
 * (which also connects servers this instance has not seen yet and reconnects those that were down); a tool the
 * server no longer lists is deleted. A server that does not answer marks its tools down (they stay, and come back
 * up when it answers again).
 */
@Service
public final class McpLinks implements AutoCloseable {
    static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(McpLinks.class);

    private final McpServerRepository servers;
    private final ToolRepository tools;
    private final McpConnector connector;
    private final SecretSealer sealer;
    private final McpStatusBoard board;
    private final ToolHealth health;
    private final AgentTools agentTools;
    private final Clock clock;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];

    /** A live session with one server, and the server's name of each of its tools by the org's name. */
    private record Link(McpServer server, McpConnector.Connection connection, Map<String, String> serverNames) {}

    public McpLinks(
            McpServerRepository servers,
            ToolRepository tools,
            McpConnector connector,
            SecretSealer sealer,
            McpStatusBoard board,
            ToolHealth health,
            AgentTools agentTools,
            Clock clock) {
        this.servers = servers;
        this.tools = tools;
        this.connector = connector;
        this.sealer = sealer;
        this.board = board;
        this.health = health;
        this.agentTools = agentTools;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Connects (again) to the server and takes its tools; marks it down when it does not answer. */
    public McpStatus connect(McpServer server) {
        synchronized (lock(server.orgId(), server.id())) {
            close(links.remove(key(server.orgId(), server.id())));
            McpConnector.Connection connection;
            try {
                connection = connector.connect(target(server), listed -> {
                    // the server's list changed: it sent the whole list again
                    synchronized (lock(server.orgId(), server.id())) {
                        Link current = links.get(key(server.orgId(), server.id()));
                        if (current != null && current.server().sameAs(server)) {
                            sync(current, listed);
                        }
                    }
                });
            } catch (ToolFailure e) {
                down(server, String.valueOf(e.getMessage()));
                return board.of(server.orgId(), server.id());
            }
            Link link = new Link(server, connection, new ConcurrentHashMap<>());
            links.put(key(server.orgId(), server.id()), link);
            try {
                sync(link, connection.tools());
            } catch (ToolFailure e) {
                links.remove(key(server.orgId(), server.id()));
                close(link);
                down(server, String.valueOf(e.getMessage()));
            }
            return board.of(server.orgId(), server.id());
        }
    }

    /** Closes the connection to a deleted or changed server and drops its tools. */
    public void forget(String orgId, String serverId) {
        synchronized (lock(orgId, serverId)) {
            close(links.remove(key(orgId, serverId)));
            board.remove(orgId, serverId);
            tools.deleteConnection(orgId, serverId);
            agentTools.forget(orgId);
        }
    }

    /**
     * Calls the MCP tool {@code tool} on its server (connecting first when this instance is not connected) and returns
     * its result as JSON text.
     *
     * @throws ToolFailure {@code tool_unavailable} when the server does not answer or no longer lists the tool
     */
    String call(Tool tool, String argumentsJson, Duration timeout, McpConnector.Progress progress) {
        Link link = links.get(key(tool.orgId(), tool.connectionId()));
        if (link == null) {
            McpServer server = servers.find(tool.orgId(), tool.connectionId())
                    .orElseThrow(() -> unavailable("the tool's MCP server is no longer registered"));
            connect(server);
            link = links.get(key(tool.orgId(), tool.connectionId()));
            if (link == null) {
                throw unavailable("the tool's MCP server does not answer");
            }
        }
        String serverName = link.serverNames().get(tool.name());
        if (serverName == null) {
            throw unavailable("the tool's MCP server no longer lists it");
        }
        try {
            return link.connection().call(serverName, argumentsJson, timeout, progress);
        } catch (ToolFailure e) {
            if (McpConnectorErrors.UNAVAILABLE.equals(e.code())) {
                lost(link, String.valueOf(e.getMessage()));
                throw unavailable("the tool's MCP server does not answer");
            }
            throw e;
        }
    }

    /**
     * Lists every server's tools again, connects the servers this instance is not connected to (new ones, those that
     * were down, those registered on another instance) and closes those deleted elsewhere.
     */
    @Scheduled(
            fixedDelayString = "${stoa.tools.mcp.resync-interval-ms:60000}",
            initialDelayString = "${stoa.tools.mcp.resync-interval-ms:60000}")
    public void resync() {
        Set<String> known = new HashSet<>();
        for (McpServerRepository.Ref ref : servers.all()) {
            known.add(key(ref.orgId(), ref.serverId()));
            try {
                servers.find(ref.orgId(), ref.serverId()).ifPresent(this::refresh);
            } catch (RuntimeException e) {
                log.warn("resync of MCP server {} failed: {}", ref.serverId(), e.toString());
            }
        }
        for (Link link : List.copyOf(links.values())) {
            McpServer server = link.server();
            // deleted on another instance (looked up once more: a server registered since the listing stays)
            if (!known.contains(key(server.orgId(), server.id()))
                    && servers.find(server.orgId(), server.id()).isEmpty()) {
                forget(server.orgId(), server.id());
            }
        }
    }

    private void refresh(McpServer server) {
        Link link = links.get(key(server.orgId(), server.id()));
        if (link == null || !link.server().sameAs(server)) {
            connect(server);
            return;
        }
        try {
            List<ToolDefinition> listed = link.connection().tools();
            synchronized (lock(server.orgId(), server.id())) {
                sync(link, listed);
            }
        } catch (ToolFailure e) {
            lost(link, String.valueOf(e.getMessage()));
        }
    }

    /** The server stopped answering: its session is closed, its tools are down until it answers again. */
    private void lost(Link link, String why) {
        McpServer server = link.server();
        synchronized (lock(server.orgId(), server.id())) {
            links.remove(key(server.orgId(), server.id()), link);
            close(link);
            down(server, why);
        }
    }

    /** Makes the server's listed tools the org's tools of this server. */
    private void sync(Link link, List<ToolDefinition> listed) {
        McpServer server = link.server();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, String> names = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (ToolDefinition definition : listed) {
            String name = server.toolName(definition.name());
            if (!TOOL_NAME.matcher(name).matches()) {
                skipped.add(definition.name() + ": its name as " + name
                        + " is not a valid tool name (letters, digits, _ and -, at most 64)");
                continue;
            }
            if (names.putIfAbsent(name, definition.name()) != null) {
                continue;
            }
            tools.upsert(new Tool(
                    Ids.generate("tool"),
                    server.orgId(),
                    server.id(),
                    renamed(definition, name),
                    renamed(definition, name).version(),
                    Tool.SOURCE_MCP,
                    now,
                    now));
        }
        List<String> gone = tools.list(server.orgId()).stream()
                .filter(t -> t.connectionId().equals(server.id()) && !names.containsKey(t.name()))
                .map(Tool::name)
                .toList();
        tools.delete(server.orgId(), server.id(), gone);
        link.serverNames().keySet().retainAll(names.keySet());
        link.serverNames().putAll(names);
        board.put(
                server.orgId(),
                server.id(),
                new McpStatus(true, List.copyOf(names.keySet()), skipped, null, clock.instant()));
        agentTools.forget(server.orgId());
        checkHealth(server);
    }

    private void down(McpServer server, String why) {
        McpStatus previous = board.of(server.orgId(), server.id());
        board.put(
                server.orgId(),
                server.id(),
                new McpStatus(
                        false,
                        List.of(),
                        previous.skipped(),
                        why,
                        previous.connected() || previous.since() == null ? clock.instant() : previous.since()));
        log.info("MCP server {} of org {} is down: {}", server.id(), server.orgId(), why);
        checkHealth(server);
    }

    private void checkHealth(McpServer server) {
        tools.list(server.orgId()).stream()
                .filter(t -> t.connectionId().equals(server.id()))
                .forEach(health::check);
    }

    private McpConnector.Target target(McpServer server) {
        String secret = servers.sealedSecret(server.orgId(), server.id())
                .map(value -> sealer.openString(value, sealedFor(server.orgId(), server.id())))
                .orElse(null);
        return new McpConnector.Target(server.url(), server.credential(), secret);
    }

    /** What a server's secret is sealed for: a sealed value copied to another record does not open. */
    static String sealedFor(String orgId, String serverId) {
        return orgId + "|" + serverId;
    }

    private static ToolDefinition renamed(ToolDefinition d, String name) {
        return new ToolDefinition(name, d.description(), d.inputSchemaJson(), d.timeoutMs(), d.tags(), d.idempotent());
    }

    private static ToolFailure unavailable(String message) {
        return new ToolFailure("tool_unavailable", message, true);
    }

    private static void close(@org.jspecify.annotations.Nullable Link link) {
        if (link != null) {
            try {
                link.connection().close();
            } catch (RuntimeException e) {
                log.debug("closing an MCP session failed: {}", e.toString());
            }
        }
    }

    private Object lock(String orgId, String serverId) {
        return locks[Math.floorMod(key(orgId, serverId).hashCode(), locks.length)];
    }

    private static String key(String orgId, String serverId) {
        return orgId + "/" + serverId;
    }

    @Override
    public void close() {
        links.values().forEach(McpLinks::close);
        links.clear();
    }
}
