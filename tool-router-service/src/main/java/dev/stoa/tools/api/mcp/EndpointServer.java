package dev.stoa.tools.api.mcp;

import dev.stoa.tools.domain.McpGateway;
import dev.stoa.tools.domain.model.CallOutcome;
import dev.stoa.tools.domain.model.ExposedTool;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server of one endpoint path: the SDK's Streamable HTTP transport (sessions, initialize, tools/list,
 * tools/call, progress) and the endpoint's exposed tools, kept in step with what it exposes (a change is announced
 * with {@code notifications/tools/list_changed}). The admitted client travels with each request in its transport
 * context.
 */
final class EndpointServer implements AutoCloseable {
    static final String ADMITTED = "stoa.mcp.admitted";
    /** How much longer than the tool's own deadline a call may take before the client is answered anyway. */
    static final long GRACE_MS = 5_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final McpGateway gateway;
    private final McpJsonMapper mapper;
    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final Map<String, ExposedTool> tools = new HashMap<>();
    private volatile McpGateway.Admitted lastAdmitted;

    EndpointServer(String path, McpGateway.Admitted admitted, McpGateway gateway, McpJsonMapper mapper) {
        this.gateway = gateway;
        this.mapper = mapper;
        this.lastAdmitted = admitted;
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(path)
                .contextExtractor(request -> {
                    Object current = request.getAttribute(ADMITTED);
                    return McpTransportContext.create(current == null ? Map.of() : Map.of(ADMITTED, current));
                })
                .build();
        this.server = McpServer.sync(transport)
                .serverInfo("stoa", "1")
                .jsonMapper(mapper)
                .jsonSchemaValidator((schema, content) ->
                        io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse.asValid(
                                String.valueOf(content)))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .build();
    }

    /** The client admitted last: whose endpoint the refresh reads. */
    void admitted(McpGateway.Admitted admitted) {
        lastAdmitted = admitted;
    }

    /** Serves one request of an admitted client. */
    void serve(HttpServletRequest request, HttpServletResponse response, McpGateway.Admitted admitted)
            throws ServletException, IOException {
        lastAdmitted = admitted;
        request.setAttribute(ADMITTED, admitted);
        transport.service(request, response);
    }

    /** Takes the endpoint's exposed tools again; announces a change to the connected clients. */
    synchronized void refresh() {
        McpGateway.Admitted admitted = lastAdmitted;
        var endpoint = gateway.current(admitted.endpoint());
        List<ExposedTool> exposed = endpoint.map(gateway::tools).orElse(List.of());
        Map<String, ExposedTool> now = new HashMap<>();
        exposed.forEach(t -> now.put(t.name(), t));
        boolean changed = false;
        for (String name : List.copyOf(tools.keySet())) {
            ExposedTool was = tools.get(name);
            ExposedTool is = now.get(name);
            if (is == null || !version(is).equals(version(Objects.requireNonNull(was)))) {
                server.removeTool(name);
                tools.remove(name);
                changed = true;
            }
        }
        for (ExposedTool tool : exposed) {
            if (!tools.containsKey(tool.name())) {
                server.addTool(specification(tool));
                tools.put(tool.name(), tool);
                changed = true;
            }
        }
        if (changed) {
            server.notifyToolsListChanged();
        }
    }

    private SyncToolSpecification specification(ExposedTool tool) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(tool.name())
                        .description(tool.description())
                        .inputSchema(
                                JSON.readValue(tool.inputSchemaJson(), new TypeReference<Map<String, Object>>() {}))
                        .build())
                .callHandler((exchange, request) -> call(tool, exchange, request))
                .build();
    }

    private McpSchema.CallToolResult call(
            ExposedTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object admitted = exchange.transportContext().get(ADMITTED);
        if (!(admitted instanceof McpGateway.Admitted client)) {
            return error("unauthenticated: no token came with the call");
        }
        Object token = request.progressToken();
        String arguments = JSON.writeValueAsString(request.arguments() == null ? Map.of() : request.arguments());
        CallOutcome outcome;
        try {
            long timeoutMs =
                    tool.tool() != null ? tool.tool().definition().timeoutMs() : McpGateway.AGENT_TIMEOUT.toMillis();
            outcome = gateway.call(client, tool, arguments, (fraction, message) -> {
                        if (token != null) {
                            exchange.progressNotification(new McpSchema.ProgressNotification(
                                    token, fraction < 0 ? 0 : fraction, fraction < 0 ? null : 1.0, message, null));
                        }
                    })
                    .get(timeoutMs + GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (dev.stoa.common.error.InvalidInputException e) {
            return error("invalid_arguments: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("cancelled: the call was cancelled");
        } catch (ExecutionException | TimeoutException e) {
            return error("tool_timeout: the tool did not answer in time");
        }
        if (!outcome.succeeded()) {
            return error(outcome.errorCode() + ": " + outcome.errorMessage());
        }
        String result = Objects.requireNonNullElse(outcome.resultJson(), "null");
        if (tool.tool() != null && tool.tool().mcp()) {
            // an MCP server's result is an MCP result already (content, structured content)
            try {
                return mapper.readValue(result, McpSchema.CallToolResult.class);
            } catch (IOException e) {
                // not one after all (redacted by safety into another shape): handed on as text
            }
        }
        return McpSchema.CallToolResult.builder()
                .addTextContent(result)
                .isError(false)
                .build();
    }

    private static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .isError(true)
                .build();
    }

    private static String version(ExposedTool tool) {
        return tool.tool() == null
                ? tool.kind()
                : tool.tool().id() + "/" + tool.tool().version();
    }

    @Override
    public void close() {
        server.close();
    }
}
