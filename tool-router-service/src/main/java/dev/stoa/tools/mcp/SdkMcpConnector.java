package dev.stoa.tools.mcp;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.tools.domain.McpConnectorErrors;
import dev.stoa.tools.domain.McpSettings;
import dev.stoa.tools.domain.model.McpCredential;
import dev.stoa.tools.domain.model.ToolDefinition;
import dev.stoa.tools.domain.model.ToolFailure;
import dev.stoa.tools.domain.port.McpConnector;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * tool-router as an MCP client (the official Java SDK over Streamable HTTP). Each connection is one initialized MCP
 * session; the server's URL is vetted by the outbound policy before every connect. A credential is sent on every
 * request: a header as registered, or the bearer token of an OAuth client-credentials grant (fetched, cached until
 * shortly before it expires). Progress notifications are matched to their call by a progress token of its own.
 * Cancellation: the SDK's client cannot send {@code notifications/cancelled}; a cancelled or timed-out call stops
 * waiting for its result (the server may finish it).
 */
@Component
public final class SdkMcpConnector implements McpConnector {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest any call may wait for its result; the call's own deadline is usually shorter. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ERROR = 2000;
    private static final Logger log = LoggerFactory.getLogger(SdkMcpConnector.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundPolicy policy;
    private final OAuthTokens tokens;
    private final McpJsonMapper mapper = McpJsonDefaults.getMapper();

    public SdkMcpConnector(McpSettings settings) {
        this.policy = settings.policy();
        this.tokens = new OAuthTokens(settings.policy());
    }

    @Override
    public Connection connect(Target target, Consumer<List<ToolDefinition>> toolsChanged) {
        try {
            policy.checkUrl(target.url(), "url");
        } catch (InvalidInputException e) {
            throw unavailable(String.valueOf(e.getMessage()));
        }
        URI uri = URI.create(target.url().trim());
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String endpoint = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        McpCredential credential = target.credential();
        String secret = target.secret();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .connectTimeout(CONNECT_TIMEOUT)
                .httpRequestCustomizer(
                        (request, method, to, body, context) -> authenticate(request, credential, secret))
                .build();
        Map<String, Progress> progress = new ConcurrentHashMap<>();
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("stoa-tool-router", "1"))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(CONNECT_TIMEOUT)
                .jsonSchemaValidator(AcceptingSchemaValidator.INSTANCE)
                .toolsChangeConsumer(listed -> Mono.fromRunnable(() -> {
                    try {
                        toolsChanged.accept(definitions(listed));
                    } catch (RuntimeException e) {
                        log.warn("taking the changed tools of an MCP server failed: {}", e.toString());
                    }
                }))
                .progressConsumer(notification -> Mono.fromRunnable(() -> {
                    Progress listener = progress.get(String.valueOf(notification.progressToken()));
                    if (listener != null) {
                        listener.report(fraction(notification), Objects.requireNonNullElse(notification.message(), ""));
                    }
                }))
                .build();
        try {
            client.initialize().block(CONNECT_TIMEOUT.plusSeconds(1));
        } catch (RuntimeException e) {
            client.close();
            throw unavailable("the MCP server did not complete initialize: " + reason(e));
        }
        return new SdkConnection(client, progress);
    }

    private void authenticate(
            HttpRequest.Builder request, @Nullable McpCredential credential, @Nullable String secret) {
        if (credential == null || secret == null) {
            return;
        }
        if (McpCredential.HEADER.equals(credential.type()) && credential.headerName() != null) {
            request.setHeader(credential.headerName(), secret);
        } else if (McpCredential.OAUTH_CLIENT_CREDENTIALS.equals(credential.type())) {
            request.setHeader("Authorization", "Bearer " + tokens.token(credential, secret));
        }
    }

    /** One MCP session. */
    private final class SdkConnection implements Connection {
        private final McpAsyncClient client;
        private final Map<String, Progress> progress;

        SdkConnection(McpAsyncClient client, Map<String, Progress> progress) {
            this.client = client;
            this.progress = progress;
        }

        @Override
        public List<ToolDefinition> tools() {
            List<McpSchema.Tool> all = new ArrayList<>();
            String cursor = null;
            try {
                do {
                    McpSchema.ListToolsResult page = client.listTools(cursor).block(CONNECT_TIMEOUT);
                    if (page == null) {
                        break;
                    }
                    all.addAll(page.tools());
                    cursor = page.nextCursor();
                } while (cursor != null && all.size() < 1000);
            } catch (RuntimeException e) {
                throw unavailable("the MCP server did not list its tools: " + reason(e));
            }
            return definitions(all);
        }

        @Override
        public String call(String toolName, String argumentsJson, Duration timeout, Progress listener) {
            Map<String, Object> arguments = JSON.readValue(argumentsJson, new TypeReference<Map<String, Object>>() {});
            String token = Ids.generate("prg");
            progress.put(token, listener);
            McpSchema.CallToolResult result;
            try {
                result = client.callTool(
                                new McpSchema.CallToolRequest(toolName, arguments, Map.of("progressToken", token)))
                        .block(timeout);
            } catch (McpError e) {
                // the server answered with a JSON-RPC error (unknown tool, invalid arguments): its message, for the
                // model
                throw new ToolFailure("tool_failed", truncate(reason(e)), false);
            } catch (RuntimeException e) {
                if (McpError.findRootCause(e) instanceof McpError error) {
                    throw new ToolFailure("tool_failed", truncate(reason(error)), false);
                }
                if (Thread.currentThread().isInterrupted()
                        || McpError.findRootCause(e) instanceof InterruptedException) {
                    // cancelled or timed out: the dispatcher has answered the caller already
                    throw new ToolFailure("cancelled", "the call was cancelled", false);
                }
                throw unavailable("the MCP server did not answer the call: " + reason(e));
            } finally {
                progress.remove(token);
            }
            if (result == null) {
                throw unavailable("the MCP server sent no result");
            }
            if (Boolean.TRUE.equals(result.isError())) {
                throw new ToolFailure(McpConnectorErrors.TOOL_ERROR, truncate(text(result)), false);
            }
            try {
                return mapper.writeValueAsString(result);
            } catch (IOException e) {
                throw new ToolFailure("tool_failed", "the MCP server's result is not JSON", false);
            }
        }

        @Override
        public void close() {
            try {
                client.closeGracefully().block(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                client.close();
            }
        }
    }

    private List<ToolDefinition> definitions(List<McpSchema.Tool> listed) {
        List<ToolDefinition> out = new ArrayList<>();
        for (McpSchema.Tool tool : listed) {
            String description = Objects.requireNonNullElse(tool.description(), "");
            boolean idempotent = tool.annotations() != null
                    && Boolean.TRUE.equals(tool.annotations().idempotentHint());
            out.add(new ToolDefinition(
                    tool.name(),
                    description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description,
                    JSON.writeValueAsString(tool.inputSchema()),
                    ToolDefinition.DEFAULT_TIMEOUT_MS,
                    List.of("mcp"),
                    idempotent));
        }
        return out;
    }

    private static double fraction(McpSchema.ProgressNotification n) {
        Double total = n.total();
        Double progress = n.progress();
        return total == null || progress == null || total <= 0 ? -1 : Math.min(1, progress / total);
    }

    private static String text(McpSchema.CallToolResult result) {
        String text = result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
        return text.isBlank() ? "the tool reported an error" : text;
    }

    private static String reason(Throwable e) {
        Throwable root = McpError.findRootCause(e);
        if (root instanceof McpError error && error.getJsonRpcError() != null) {
            return error.getJsonRpcError().message();
        }
        return root.getClass().getSimpleName();
    }

    private static String truncate(String text) {
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private static ToolFailure unavailable(String message) {
        return new ToolFailure(McpConnectorErrors.UNAVAILABLE, message, true);
    }
}
