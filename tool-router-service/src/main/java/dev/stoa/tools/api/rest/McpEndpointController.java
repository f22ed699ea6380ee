package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.McpEndpoints;
import dev.stoa.tools.domain.model.ExposedTool;
import dev.stoa.tools.domain.model.McpEndpoint;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP endpoints admin group: what the org exposes to MCP clients at {@code /mcp/{org_slug}/{endpoint_id}}.
 * Members read; admins and owners write (API keys: tools:read / tools:write).
 */
@RestController
@RequestMapping("/api/v1/mcp-endpoints")
@Tag(name = "MCP endpoints admin")
public class McpEndpointController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NAME = "^[a-zA-Z0-9_-]{1,64}$";
    private static final String ID = "^[a-zA-Z0-9_-]{1,40}$";
    private static final String AUTH_MODE = "^(oauth|pat)$";

    private final McpEndpoints endpoints;

    public McpEndpointController(McpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * A new endpoint.
     *
     * @param tools tool names it exposes (the org's, MCP servers' {@code <server>__<tool>}, built-ins)
     * @param toolGroups the org's tool groups whose tools it exposes
     * @param agents the org's agents it exposes, each as a tool {@code ask_<agent id>}
     * @param authModes {@code oauth}, {@code pat} (default both)
     */
    public record CreateMcpEndpoint(
            @NotNull @Pattern(regexp = NAME) String name,
            @Nullable @Size(max = 512) List<@NotNull @Pattern(regexp = NAME) String> tools,
            @Nullable @Size(max = 64) List<@NotNull @Pattern(regexp = NAME) String> toolGroups,
            @Nullable @Size(max = 64) List<@NotNull @Pattern(regexp = ID) String> agents,
            @Nullable @Size(min = 1, max = 2) List<@NotNull @Pattern(regexp = AUTH_MODE) String> authModes) {}

    /** Changes to an endpoint; absent fields stay as they are, lists replace. */
    public record UpdateMcpEndpoint(
            @Nullable @Pattern(regexp = NAME) String name,
            @Nullable @Size(max = 512) List<@NotNull @Pattern(regexp = NAME) String> tools,
            @Nullable @Size(max = 64) List<@NotNull @Pattern(regexp = NAME) String> toolGroups,
            @Nullable @Size(max = 64) List<@NotNull @Pattern(regexp = ID) String> agents,
            @Nullable @Size(min = 1, max = 2) List<@NotNull @Pattern(regexp = AUTH_MODE) String> authModes) {}

    /** An MCP endpoint. */
    public record McpEndpointView(
            String id,
            String name,
            List<String> tools,
            List<String> toolGroups,
            List<String> agents,
            List<String> authModes,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static McpEndpointView of(McpEndpoint e) {
            return new McpEndpointView(
                    e.id(),
                    e.name(),
                    e.tools(),
                    e.toolGroups(),
                    e.agents(),
                    e.authModes(),
                    e.createdBy(),
                    e.createdAt(),
                    e.updatedAt());
        }
    }

    /**
     * A tool an endpoint exposes.
     *
     * @param kind {@code tool} or {@code agent}
     * @param source the tool's source ({@code sdk}, {@code mcp}, {@code builtin}), or {@code agent}
     */
    public record ExposedToolView(
            String name,
            String description,
            JsonNode inputSchema,
            String kind,
            String source,
            @Nullable String toolId,
            @Nullable String agentId,
            boolean online) {
        static ExposedToolView of(ExposedTool t) {
            return new ExposedToolView(
                    t.name(),
                    t.description(),
                    JSON.readTree(t.inputSchemaJson()),
                    t.kind(),
                    t.tool() != null ? t.tool().source() : ExposedTool.KIND_AGENT,
                    t.tool() != null ? t.tool().id() : null,
                    t.agentId(),
                    t.online());
        }
    }

    /** The tools of an endpoint. */
    public record ExposedToolList(List<ExposedToolView> data) {}

    @GetMapping
    @Operation(operationId = "listMcpEndpoints", summary = "List MCP endpoints.")
    public PageResponse<McpEndpointView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                endpoints.list(principal, PageRequest.of(limit, cursor)).map(McpEndpointView::of));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createMcpEndpoint", summary = "Create an MCP endpoint (admin).")
    @ProblemResponse(
            status = 409,
            description = "mcp_endpoint_name_taken: the org already has an endpoint of this name.")
    public ResponseEntity<McpEndpointView> create(Principal principal, @Valid @RequestBody CreateMcpEndpoint body) {
        McpEndpoint created = endpoints.create(
                principal,
                new McpEndpoints.Change(body.name(), body.tools(), body.toolGroups(), body.agents(), body.authModes()));
        return ResponseEntity.created(URI.create("/api/v1/mcp-endpoints/" + created.id()))
                .body(McpEndpointView.of(created));
    }

    @GetMapping("/{endpoint_id}")
    @Operation(operationId = "getMcpEndpoint", summary = "Get endpoint config.")
    public McpEndpointView get(Principal principal, @PathVariable("endpoint_id") String endpointId) {
        return McpEndpointView.of(endpoints.get(principal, endpointId));
    }

    @PatchMapping("/{endpoint_id}")
    @Operation(operationId = "updateMcpEndpoint", summary = "Update endpoint config (admin).")
    @ProblemResponse(
            status = 409,
            description = "mcp_endpoint_name_taken: the org already has an endpoint of this name.")
    public McpEndpointView update(
            Principal principal,
            @PathVariable("endpoint_id") String endpointId,
            @Valid @RequestBody UpdateMcpEndpoint body) {
        return McpEndpointView.of(endpoints.update(
                principal,
                endpointId,
                new McpEndpoints.Change(
                        body.name(), body.tools(), body.toolGroups(), body.agents(), body.authModes())));
    }

    @DeleteMapping("/{endpoint_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteMcpEndpoint", summary = "Delete an MCP endpoint (admin).")
    public void delete(Principal principal, @PathVariable("endpoint_id") String endpointId) {
        endpoints.delete(principal, endpointId);
    }

    @GetMapping("/{endpoint_id}/tools")
    @Operation(operationId = "listMcpEndpointTools", summary = "List tools exposed by an endpoint.")
    public ExposedToolList tools(Principal principal, @PathVariable("endpoint_id") String endpointId) {
        return new ExposedToolList(endpoints.tools(principal, endpointId).stream()
                .map(ExposedToolView::of)
                .toList());
    }
}
