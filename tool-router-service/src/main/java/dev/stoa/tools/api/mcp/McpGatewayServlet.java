package dev.stoa.tools.api.mcp;

import dev.stoa.tools.domain.McpGateway;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP gateway: {@code POST}/{@code GET}/{@code DELETE /mcp/{org}/{endpoint_id}} speaking MCP Streamable HTTP.
 * Every request needs {@code Authorization: Bearer stoa_pat_...} admitted to the endpoint; otherwise it is answered
 * 401 with {@code WWW-Authenticate: Bearer resource_metadata=".../.well-known/oauth-protected-resource"} as MCP
 * clients expect (RFC 9728), and that metadata is served (unauthenticated) under the endpoint's path. Each endpoint
 * path has its own SDK server; its tools are looked at again on every request and every few seconds, so a change
 * reaches connected clients as {@code notifications/tools/list_changed}. Malformed JSON-RPC is answered by the SDK's
 * transport with a JSON-RPC error (400), never a 500.
 */
@Component
public final class McpGatewayServlet extends HttpServlet {
    public static final String PREFIX = "/mcp/";
    static final String METADATA = "/.well-known/oauth-protected-resource";
    /** The largest message the gateway reads (the SDK's transport has the same default). */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private static final long serialVersionUID = 1L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final transient McpGateway gateway;
    private final transient McpJsonMapper mapper = McpJsonDefaults.getMapper();
    private final transient Map<String, EndpointServer> servers = new ConcurrentHashMap<>();

    public McpGatewayServlet(McpGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (rest.endsWith(METADATA) && "GET".equals(request.getMethod())) {
            metadata(request, response, rest.substring(0, rest.length() - METADATA.length()));
            return;
        }
        String[] parts = rest.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String bearer = bearer(request);
        Optional<McpGateway.Admitted> admitted =
                bearer == null ? Optional.empty() : gateway.admit(bearer, parts[0], parts[1]);
        if (admitted.isEmpty()) {
            unauthorized(request, response, rest, bearer != null);
            return;
        }
        HttpServletRequest checked = request;
        if ("POST".equals(request.getMethod())) {
            // the SDK's transport answers a malformed message with its exception serialized (stack trace and all):
            // a message that is not JSON-RPC is answered here, as JSON-RPC asks (parse error / invalid request)
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            String refusal = body.length > MAX_BODY ? "the message is too large" : jsonRpcRefusal(body);
            if (refusal != null) {
                jsonRpcError(response, refusal.startsWith("parse") ? -32700 : -32600, refusal);
                return;
            }
            checked = new CachedBodyRequest(request, body);
        }
        EndpointServer server =
                servers.computeIfAbsent(path, p -> new EndpointServer(p, admitted.get(), gateway, mapper));
        // the endpoint's tools are taken again before each request (a change since is announced to its sessions)
        server.admitted(admitted.get());
        server.refresh();
        server.serve(checked, response, admitted.get());
    }

    /** Endpoints' tools change without a request: the live servers look again now and then. */
    @Scheduled(fixedDelay = 3_000, initialDelay = 3_000)
    void refresh() {
        servers.values().forEach(EndpointServer::refresh);
    }

    /** Why the body is not a JSON-RPC message (or batch of them), or null when it is one. */
    static @Nullable String jsonRpcRefusal(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "parse error: the body is not JSON";
        }
        if (root == null || !(root.isObject() || (root.isArray() && !root.isEmpty()))) {
            return "invalid request: not a JSON-RPC message";
        }
        for (JsonNode message : root.isArray() ? root : List.of(root)) {
            if (!message.isObject()
                    || !"2.0".equals(message.path("jsonrpc").asString(""))
                    || !(message.has("method") || message.has("result") || message.has("error"))) {
                return "invalid request: not a JSON-RPC 2.0 message";
            }
        }
        return null;
    }

    private static void jsonRpcError(HttpServletResponse response, int code, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("jsonrpc", "2.0");
        error.put("id", null);
        error.put("error", Map.of("code", code, "message", message));
        response.getOutputStream().write(JSON.writeValueAsString(error).getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static void unauthorized(
            HttpServletRequest request, HttpServletResponse response, String rest, boolean tokenGiven)
            throws IOException {
        String metadata = base(request) + PREFIX + rest + METADATA;
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(
                "WWW-Authenticate",
                "Bearer resource_metadata=\"" + metadata + "\"" + (tokenGiven ? ", error=\"invalid_token\"" : ""));
        response.setContentType("application/json");
        response.getOutputStream()
                .write(JSON.writeValueAsString(Map.of(
                                "error",
                                tokenGiven ? "invalid_token" : "unauthorized",
                                "error_description",
                                tokenGiven
                                        ? "the token is not valid for this MCP endpoint (unknown, expired, revoked,"
                                                + " or for another endpoint or org)"
                                        : "this MCP endpoint needs a bearer token"))
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 9728 protected-resource metadata of an endpoint (no authorization server yet: tokens are PATs). */
    private static void metadata(HttpServletRequest request, HttpServletResponse response, String endpointPath)
            throws IOException {
        response.setContentType("application/json");
        response.getOutputStream()
                .write(JSON.writeValueAsString(Map.of(
                                "resource",
                                base(request) + PREFIX + endpointPath,
                                "authorization_servers",
                                List.of(),
                                "bearer_methods_supported",
                                List.of("header")))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String base(HttpServletRequest request) {
        String proto = request.getHeader("X-Forwarded-Proto");
        String host = request.getHeader("X-Forwarded-Host");
        if (host == null) {
            host = request.getHeader("Host");
        }
        return (proto != null ? proto : request.getScheme()) + "://" + (host != null ? host : request.getServerName());
    }
}
