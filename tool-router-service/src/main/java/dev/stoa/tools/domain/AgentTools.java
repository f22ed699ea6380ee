package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.tools.domain.model.SelectedTool;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolConfig;
import dev.stoa.tools.domain.model.ToolGroup;
import dev.stoa.tools.domain.port.AgentDirectory;
import dev.stoa.tools.domain.port.ToolConfigRepository;
import dev.stoa.tools.domain.port.ToolGroupRepository;
import dev.stoa.tools.domain.port.ToolRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The tools an agent may use: the org's tools after the agent's config (allow / deny lists, tool groups, built-ins,
 * per-tool timeout and approval). When two SDK connections register the same name, the most recently registered one
 * serves it, and a built-in the config enables wins over a connected tool of its name, so names stay unique within a
 * turn.
 */
@Service
public final class AgentTools {
    public static final String REASON_ALLOWED = "allowed";
    public static final String REASON_ALWAYS = "always_included";
    public static final String REASON_SELECTED = "selected";
    public static final String REASON_NOT_SELECTED = "not_selected";

    private final ToolRepository tools;
    private final ToolConfigRepository configs;
    private final AgentDirectory agents;
    private final SdkSessions sessions;
    private final McpStatusBoard mcp;
    private final ToolSelector selector;
    private final ToolGroupRepository groups;
    private final BuiltinTools builtins;
    private final Clock clock;
    /**
     * The allowed tools of each agent, for the call path (every InvokeTool needs them): kept {@link #CACHE_NANOS}, and
     * dropped at once when this instance sees the org's tools or the agent's config change.
     */
    private final Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    static final long CACHE_NANOS = java.time.Duration.ofSeconds(5).toNanos();
    static final int CACHE_MAX = 10_000;

    private record Cached(List<SelectedTool> tools, long until) {}

    public AgentTools(
            ToolRepository tools,
            ToolConfigRepository configs,
            AgentDirectory agents,
            SdkSessions sessions,
            McpStatusBoard mcp,
            ToolSelector selector,
            ToolGroupRepository groups,
            BuiltinTools builtins,
            Clock clock) {
        this.tools = tools;
        this.configs = configs;
        this.agents = agents;
        this.sessions = sessions;
        this.mcp = mcp;
        this.selector = selector;
        this.groups = groups;
        this.builtins = builtins;
        this.clock = clock;
    }

    public ToolConfig config(Principal principal, String agentId) {
        String orgId = Access.read(principal);
        return configOf(orgId, requireAgent(orgId, agentId));
    }

    /** Replaces the config with {@code change} applied to the current one. */
    public ToolConfig updateConfig(Principal principal, String agentId, ToolConfigChange change) {
        String orgId = Access.write(principal);
        requireAgent(orgId, agentId);
        ToolConfig updated = change.applyTo(configOf(orgId, agentId));
        if (updated.topK() < 1 || updated.topK() > ToolConfig.MAX_TOP_K) {
            throw new InvalidInputException("top_k", "must be between 1 and " + ToolConfig.MAX_TOP_K);
        }
        for (int i = 0; i < updated.builtins().size(); i++) {
            if (!builtins.exists(updated.builtins().get(i))) {
                throw new InvalidInputException(
                        "builtins[" + i + "]", "is not a built-in tool; there are " + builtins.names());
            }
        }
        if (change.groups() != null) {
            // groups are the org's own (unlike tool names, which a backend may register later): a typo is an error
            List<String> known = groups.findByNames(orgId, updated.groups()).stream()
                    .map(ToolGroup::name)
                    .toList();
            for (int i = 0; i < updated.groups().size(); i++) {
                if (!known.contains(updated.groups().get(i))) {
                    throw new InvalidInputException("groups[" + i + "]", "the org has no tool group of this name");
                }
            }
        }
        configs.save(
                orgId,
                agentId,
                updated,
                Access.actor(principal),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        cache.remove(orgId + "/" + agentId);
        return updated;
    }

    /** The agent's tools, for the REST listing. */
    public List<SelectedTool> tools(Principal principal, String agentId) {
        String orgId = Access.read(principal);
        return allowed(orgId, requireAgent(orgId, agentId));
    }

    /**
     * The tools offered to one turn: every allowed tool, or with smart selection on (and a query), the always-included
     * ones and the top k by relevance to the query.
     */
    public List<SelectedTool> select(Principal principal, String agentId, String query) {
        return preview(principal, agentId, query, null).stream()
                .filter(t -> !REASON_NOT_SELECTED.equals(t.reason()))
                .toList();
    }

    /**
     * Which tools selection picks for {@code query} and why: every allowed tool with its score and reason
     * ({@code not_selected} for those left out), best first. {@code topK} overrides the config's for a preview.
     */
    public List<SelectedTool> preview(Principal principal, String agentId, String query, @Nullable Integer topK) {
        String orgId = Access.read(principal);
        ToolConfig config = configOf(orgId, requireAgent(orgId, agentId));
        List<SelectedTool> allowed = allowed(orgId, agentId);
        if (!config.smartSelection() || query.isBlank() || allowed.isEmpty()) {
            return allowed;
        }
        return selector.rank(allowed, query, topK != null ? topK : config.topK());
    }

    /** The tool {@code name} as the agent may call it (from the cache when fresh). */
    Optional<SelectedTool> tool(String orgId, String agentId, String name) {
        String key = orgId + "/" + agentId;
        Cached cached = cache.get(key);
        if (cached == null || cached.until() < System.nanoTime()) {
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            cached = new Cached(allowed(orgId, requireAgent(orgId, agentId)), System.nanoTime() + CACHE_NANOS);
            cache.put(key, cached);
        }
        return cached.tools().stream().filter(t -> t.tool().name().equals(name)).findFirst();
    }

    /** The org's tools changed (a registration): the call path reads them again. */
    void forget(String orgId) {
        cache.keySet().removeIf(key -> key.startsWith(orgId + "/"));
    }

    /** Every tool of the caller's org. */
    public List<Tool> orgTools(Principal principal) {
        return byName(tools.list(Access.read(principal)));
    }

    public boolean online(Tool tool) {
        if (tool.mcp()) {
            return mcp.serves(tool);
        }
        return tool.builtin() || sessions.online(tool.orgId(), tool.connectionId(), tool.name());
    }

    private List<SelectedTool> allowed(String orgId, String agentId) {
        ToolConfig config = configOf(orgId, agentId);
        Map<String, String> groupOf = groupOf(orgId, config);
        List<SelectedTool> out = new ArrayList<>();
        for (Tool t : byName(tools.list(orgId))) {
            String name = t.name();
            if (config.deny().contains(name) || (config.builtins().contains(name) && builtins.exists(name))) {
                continue;
            }
            List<String> allow = config.allow();
            String group = groupOf.get(name);
            if (config.allowsEveryTool()) {
                out.add(selected(t, config, SelectedTool.VIA_ORG, null));
            } else if (allow != null && allow.contains(name)) {
                out.add(selected(t, config, SelectedTool.VIA_ALLOW, null));
            } else if (group != null) {
                out.add(selected(t, config, SelectedTool.VIA_GROUP, group));
            }
        }
        for (String name : config.builtins()) {
            if (!config.deny().contains(name)) {
                builtins.tool(orgId, name).ifPresent(t -> out.add(selected(t, config, SelectedTool.VIA_BUILTIN, null)));
            }
        }
        out.sort(Comparator.comparing((SelectedTool s) -> s.tool().name()));
        return List.copyOf(out);
    }

    /** Which of the config's groups brings each tool name (the first group the config names that has it). */
    private Map<String, String> groupOf(String orgId, ToolConfig config) {
        if (config.groups().isEmpty()) {
            return Map.of();
        }
        Map<String, ToolGroup> found = new HashMap<>();
        groups.findByNames(orgId, config.groups()).forEach(g -> found.put(g.name(), g));
        Map<String, String> out = new HashMap<>();
        for (String name : config.groups()) {
            ToolGroup group = found.get(name);
            if (group != null) {
                group.tools().forEach(tool -> out.putIfAbsent(tool, name));
            }
        }
        return out;
    }

    private static SelectedTool selected(Tool t, ToolConfig config, String via, @Nullable String group) {
        ToolConfig.ToolOverride override = config.overrides().get(t.name());
        Integer timeout = override == null ? null : override.timeoutMs();
        return new SelectedTool(
                t,
                timeout != null ? timeout : t.definition().timeoutMs(),
                override != null && override.approvalRequired(),
                0,
                config.alwaysInclude().contains(t.name()) ? REASON_ALWAYS : REASON_ALLOWED,
                via,
                group);
    }

    private ToolConfig configOf(String orgId, String agentId) {
        return configs.find(orgId, agentId).orElseGet(ToolConfig::defaults);
    }

    private String requireAgent(String orgId, String agentId) {
        if (!agents.exists(orgId, agentId)) {
            throw new NotFoundException("agent", agentId);
        }
        return agentId;
    }

    /** One tool per name: the most recently registered wins. */
    static List<Tool> byName(List<Tool> all) {
        Map<String, Tool> out = new LinkedHashMap<>();
        all.stream()
                .sorted(Comparator.comparing(Tool::updatedAt).reversed())
                .forEach(t -> out.putIfAbsent(t.name(), t));
        return out.values().stream().sorted(Comparator.comparing(Tool::name)).toList();
    }
}
