package dev.stoa.tools;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server (the official Java SDK's, Streamable HTTP) in an embedded Tomcat on a free loopback port, with an
 * {@code echo} tool that reports progress; it records the {@code X-Api-Key} and {@code Authorization} headers of every
 * request.
 */
final class McpTestServer implements AutoCloseable {
    /** The SDK's own JSON Schema validator needs a library version tool-router does not use: results are taken as they are. */
    static final JsonSchemaValidator ACCEPTING =
            (schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(String.valueOf(content));

    final List<String> apiKeys = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat;
    private final McpSyncServer server;

    McpTestServer() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .contextExtractor(request -> {
                    apiKeys.add(Objects.requireNonNullElse(request.getHeader("X-Api-Key"), ""));
                    authorizations.add(Objects.requireNonNullElse(request.getHeader("Authorization"), ""));
                    return McpTransportContext.EMPTY;
                })
                .build();
        server = McpServer.sync(transport)
                .serverInfo("test-mcp", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .jsonSchemaValidator(ACCEPTING)
                .tools(tool("echo", "Echo the text back.", (exchange, request) -> {
                    Object token = request.progressToken();
                    if (token != null) {
                        exchange.progressNotification(
                                new McpSchema.ProgressNotification(token, 1.0, 2.0, "halfway", null));
                    }
                    return McpSchema.CallToolResult.builder()
                            .addTextContent("echo: " + request.arguments().get("text"))
                            .isError(false)
                            .build();
                }))
                .build();
        tomcat = new Tomcat();
        tomcat.setPort(0);
        tomcat.setBaseDir(Files.createTempDirectory("mcp-tomcat").toString());
        Context context = tomcat.addContext("", null);
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
    }

    static SyncToolSpecification tool(
            String name,
            String description,
            java.util.function.BiFunction<
                            io.modelcontextprotocol.server.McpSyncServerExchange,
                            McpSchema.CallToolRequest,
                            McpSchema.CallToolResult>
                    handler) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(name)
                        .description(description)
                        .inputSchema(Map.of(
                                "type", "object",
                                "properties", Map.of("text", Map.of("type", "string")),
                                "required", List.of("text")))
                        .build())
                .callHandler(handler)
                .build();
    }

    String url() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    /** Adds a tool and tells the connected clients their list changed. */
    void addTool(String name) {
        server.addTool(tool(name, "Says " + name + ".", (exchange, request) -> McpSchema.CallToolResult.builder()
                .addTextContent(name)
                .build()));
        server.notifyToolsListChanged();
    }

    @Override
    public void close() {
        server.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
