package dev.stoa.tools.domain.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An agent's tool config.
 *
 * @param allow tool names the agent may use; null (and no {@code groups}) means every tool of the org
 * @param deny tool names the agent may never use (wins over {@code allow}, {@code groups} and {@code builtins})
 * @param smartSelection whether a turn gets the top-k relevant tools instead of all allowed ones
 * @param topK how many tools smart selection picks (always-included ones come on top)
 * @param alwaysInclude tool names offered on every turn whatever the query
 * @param overrides per-tool timeout and approval, by tool name
 * @param groups names of the org's tool groups whose tools the agent may use, besides {@code allow}; naming any makes
 *     the agent's tools the union of {@code allow} and these groups' tools
 * @param builtins built-in tools the agent may use (e.g. {@code http_fetch}); none by default
 */
public record ToolConfig(
        @Nullable List<String> allow,
        List<String> deny,
        boolean smartSelection,
        int topK,
        List<String> alwaysInclude,
        Map<String, ToolOverride> overrides,
        List<String> groups,
        List<String> builtins) {

    public static final int DEFAULT_TOP_K = 8;
    public static final int MAX_TOP_K = 64;

    public ToolConfig {
        allow = allow == null ? null : List.copyOf(allow);
        deny = List.copyOf(deny);
        alwaysInclude = List.copyOf(alwaysInclude);
        overrides = Map.copyOf(overrides);
        // configs stored before groups and built-ins existed have neither
        groups = groups == null ? List.of() : List.copyOf(groups);
        builtins = builtins == null ? List.of() : List.copyOf(builtins);
    }

    /** What an agent without a config gets: every tool of its org, no selection, no built-ins. */
    public static ToolConfig defaults() {
        return new ToolConfig(null, List.of(), false, DEFAULT_TOP_K, List.of(), Map.of(), List.of(), List.of());
    }

    /** Whether every tool of the org is the agent's (no allowlist and no groups). */
    public boolean allowsEveryTool() {
        return allow == null && groups.isEmpty();
    }

    /**
     * One tool's settings for this agent.
     *
     * @param timeoutMs the call deadline, instead of the tool's own; null keeps the tool's
     */
    public record ToolOverride(@Nullable Integer timeoutMs, boolean approvalRequired) {}
}
