package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.ExposedTool;
import dev.stoa.tools.domain.model.McpEndpoint;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolGroup;
import dev.stoa.tools.domain.port.AgentDirectory;
import dev.stoa.tools.domain.port.McpEndpointRepository;
import dev.stoa.tools.domain.port.ToolGroupRepository;
import dev.stoa.tools.domain.port.ToolRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * MCP endpoints: what an org exposes to MCP clients. Members read them; admins and owners change them (they open the
 * org's tools and agents to outside clients). Tool names are kept as written (a backend may register one later), but
 * tool groups and agents must be the org's. An endpoint exposes the org's tools of those names (an MCP server's,
 * a connected backend's, or a built-in), the tools of its groups, and each agent as a tool {@code ask_<agent id>}.
 */
@Service
public final class McpEndpoints {
    private final McpEndpointRepository endpoints;
    private final ToolRepository tools;
    private final ToolGroupRepository groups;
    private final AgentDirectory agents;
    private final AgentTools agentTools;
    private final BuiltinTools builtins;
    private final Clock clock;

    public McpEndpoints(
            McpEndpointRepository endpoints,
            ToolRepository tools,
            ToolGroupRepository groups,
            AgentDirectory agents,
            AgentTools agentTools,
            BuiltinTools builtins,
            Clock clock) {
        this.endpoints = endpoints;
        this.tools = tools;
        this.groups = groups;
        this.agents = agents;
        this.agentTools = agentTools;
        this.builtins = builtins;
        this.clock = clock;
    }

    /** What an endpoint is to expose and how its clients authenticate; null lists: as they are (updates). */
    public record Change(
            @Nullable String name,
            @Nullable List<String> tools,
            @Nullable List<String> toolGroups,
            @Nullable List<String> agents,
            @Nullable List<String> authModes) {}

    public Page<McpEndpoint> list(Principal principal, PageRequest page) {
        return endpoints.list(Access.read(principal), page);
    }

    public McpEndpoint get(Principal principal, String endpointId) {
        return find(Access.read(principal), endpointId);
    }

    public McpEndpoint create(Principal principal, Change change) {
        String orgId = Access.admin(principal);
        OffsetDateTime now = now();
        McpEndpoint endpoint = checked(new McpEndpoint(
                Ids.generate("mep"),
                orgId,
                java.util.Objects.requireNonNull(change.name()),
                distinct(change.tools()),
                distinct(change.toolGroups()),
                distinct(change.agents()),
                change.authModes() == null
                        ? List.of(McpEndpoint.AUTH_OAUTH, McpEndpoint.AUTH_PAT)
                        : distinct(change.authModes()),
                Access.actor(principal),
                now,
                now));
        if (!endpoints.insert(endpoint)) {
            throw nameTaken(endpoint.name());
        }
        return endpoint;
    }

    public McpEndpoint update(Principal principal, String endpointId, Change change) {
        String orgId = Access.admin(principal);
        McpEndpoint current = find(orgId, endpointId);
        McpEndpoint updated = checked(new McpEndpoint(
                current.id(),
                orgId,
                change.name() != null ? change.name() : current.name(),
                change.tools() != null ? distinct(change.tools()) : current.tools(),
                change.toolGroups() != null ? distinct(change.toolGroups()) : current.toolGroups(),
                change.agents() != null ? distinct(change.agents()) : current.agents(),
                change.authModes() != null ? distinct(change.authModes()) : current.authModes(),
                current.createdBy(),
                current.createdAt(),
                now()));
        if (!endpoints.update(updated)) {
            throw nameTaken(updated.name());
        }
        return updated;
    }

    public void delete(Principal principal, String endpointId) {
        String orgId = Access.admin(principal);
        if (!endpoints.delete(orgId, endpointId)) {
            throw new NotFoundException("mcp endpoint", endpointId);
        }
    }

    /** The tools the endpoint exposes now, by name. */
    public List<ExposedTool> tools(Principal principal, String endpointId) {
        String orgId = Access.read(principal);
        return exposed(find(orgId, endpointId));
    }

    /** The tools the endpoint exposes now, by name (for the MCP gateway, whose caller is already authorized). */
    public List<ExposedTool> exposed(McpEndpoint endpoint) {
        String orgId = endpoint.orgId();
        Set<String> names = new LinkedHashSet<>(endpoint.tools());
        groups.findByNames(orgId, endpoint.toolGroups()).forEach(g -> names.addAll(g.tools()));
        Map<String, Tool> orgTools = AgentTools.byName(tools.list(orgId)).stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));
        List<ExposedTool> out = new ArrayList<>();
        for (String name : names) {
            Tool tool = orgTools.get(name);
            if (tool == null) {
                tool = builtins.tool(orgId, name).orElse(null);
            }
            if (tool != null) {
                out.add(new ExposedTool(
                        name,
                        tool.definition().description(),
                        tool.definition().inputSchemaJson(),
                        ExposedTool.KIND_TOOL,
                        tool,
                        null,
                        agentTools.online(tool)));
            }
        }
        for (String agentId : endpoint.agents()) {
            if (agents.exists(orgId, agentId)) {
                out.add(new ExposedTool(
                        McpEndpoint.AGENT_TOOL_PREFIX + agentId,
                        "Ask the agent " + agentId + ": sends it a message (one chat turn) and returns its answer.",
                        ExposedTool.AGENT_SCHEMA,
                        ExposedTool.KIND_AGENT,
                        null,
                        agentId,
                        true));
            }
        }
        out.sort(Comparator.comparing(ExposedTool::name));
        return List.copyOf(out);
    }

    /** Tool groups and agents must be the org's: a typo is an error (tool names may be registered later). */
    private McpEndpoint checked(McpEndpoint e) {
        List<String> known = groups.findByNames(e.orgId(), e.toolGroups()).stream()
                .map(ToolGroup::name)
                .toList();
        for (int i = 0; i < e.toolGroups().size(); i++) {
            if (!known.contains(e.toolGroups().get(i))) {
                throw new InvalidInputException("tool_groups[" + i + "]", "the org has no tool group of this name");
            }
        }
        for (int i = 0; i < e.agents().size(); i++) {
            if (!agents.exists(e.orgId(), e.agents().get(i))) {
                throw new InvalidInputException("agents[" + i + "]", "the org has no agent of this id");
            }
        }
        if (e.authModes().isEmpty()) {
            throw new InvalidInputException("auth_modes", "must name oauth, pat or both");
        }
        return e;
    }

    private McpEndpoint find(String orgId, String endpointId) {
        return endpoints.find(orgId, endpointId).orElseThrow(() -> new NotFoundException("mcp endpoint", endpointId));
    }

    private static List<String> distinct(@Nullable List<String> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("mcp_endpoint_name_taken", "the org already has an MCP endpoint named " + name);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
