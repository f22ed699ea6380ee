package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.api.rest.McpServerRequests.CreateMcpServer;
import dev.stoa.tools.api.rest.McpServerRequests.CredentialsBody;
import dev.stoa.tools.api.rest.McpServerRequests.UpdateMcpServer;
import dev.stoa.tools.api.rest.McpServerViews.McpServerView;
import dev.stoa.tools.domain.McpServers;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MCP servers group: external MCP servers (Streamable HTTP) whose tools become the org's tools, named {@code
 * <server name>__<tool>}. Members read; admins and owners write (API keys: tools:read / tools:write).
 */
@RestController
@RequestMapping("/api/v1/mcp-servers")
@Tag(name = "MCP servers")
public class McpServerController {
    private final McpServers servers;

    public McpServerController(McpServers servers) {
        this.servers = servers;
    }

    @GetMapping
    @Operation(operationId = "listMcpServers", summary = "List the org's MCP servers.")
    public PageResponse<McpServerView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                servers.list(principal, PageRequest.of(limit, cursor)).map(McpServerView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createMcpServer",
            summary = "Register an MCP server (admin): its URL must pass the outbound policy; it is connected at once"
                    + " and its tools become the org's.")
    @ProblemResponse(status = 409, description = "mcp_server_name_taken: the org already has a server of this name.")
    public ResponseEntity<McpServerView> create(Principal principal, @Valid @RequestBody CreateMcpServer body) {
        CredentialsBody credentials = body.credentials();
        var registered =
                servers.create(principal, body.name(), body.url(), credentials == null ? null : credentials.toInput());
        return ResponseEntity.created(
                        URI.create("/api/v1/mcp-servers/" + registered.server().id()))
                .body(McpServerView.of(registered));
    }

    @GetMapping("/{server_id}")
    @Operation(operationId = "getMcpServer", summary = "Get an MCP server and its connection status.")
    public McpServerView get(Principal principal, @PathVariable("server_id") String serverId) {
        return McpServerView.of(servers.get(principal, serverId));
    }

    @PatchMapping("/{server_id}")
    @Operation(
            operationId = "updateMcpServer",
            summary = "Update an MCP server (admin); it is connected again and its tools taken again.")
    @ProblemResponse(status = 409, description = "mcp_server_name_taken: the org already has a server of this name.")
    public McpServerView update(
            Principal principal, @PathVariable("server_id") String serverId, @Valid @RequestBody UpdateMcpServer body) {
        CredentialsBody credentials = body.credentials();
        return McpServerView.of(servers.update(
                principal,
                serverId,
                body.name(),
                body.url(),
                credentials == null ? null : credentials.toInput(),
                Boolean.TRUE.equals(body.removeCredentials())));
    }

    @DeleteMapping("/{server_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteMcpServer", summary = "Delete an MCP server (admin) and its tools.")
    public void delete(Principal principal, @PathVariable("server_id") String serverId) {
        servers.delete(principal, serverId);
    }
}
