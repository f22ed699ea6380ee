package dev.stoa.tools.domain.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An agent's tool config.
 *
 * @param allow tool names the agent may use; null means every tool of the org
 * @param deny tool names the agent may never use (wins over {@code allow})
 * @param smartSelection whether a turn gets the top-k relevant tools instead of all allowed ones
 * @param topK how many tools smart selection picks (always-included ones come on top)
 * @param alwaysInclude tool names offered on every turn whatever the query
 * @param overrides per-tool timeout and approval, by tool name
 */
public record ToolConfig(
        @Nullable List<String> allow,
        List<String> deny,
        boolean smartSelection,
        int topK,
        List<String> alwaysInclude,
        Map<String, ToolOverride> overrides) {

    public static final int DEFAULT_TOP_K = 8;
    public static final int MAX_TOP_K = 64;

    public ToolConfig {
        allow = allow == null ? null : List.copyOf(allow);
        deny = List.copyOf(deny);
        alwaysInclude = List.copyOf(alwaysInclude);
        overrides = Map.copyOf(overrides);
    }

    /** What an agent without a config gets: every tool of its org, no selection. */
    public static ToolConfig defaults() {
        return new ToolConfig(null, List.of(), false, DEFAULT_TOP_K, List.of(), Map.of());
    }

    public boolean allows(String toolName) {
        return !deny.contains(toolName) && (allow == null || allow.contains(toolName));
    }

    /**
     * One tool's settings for this agent.
     *
     * @param timeoutMs the call deadline, instead of the tool's own; null keeps the tool's
     */
    public record ToolOverride(@Nullable Integer timeoutMs, boolean approvalRequired) {}
}
