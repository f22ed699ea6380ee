package dev.stoa.tools.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.tools.domain.model.SelectedTool;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolConfig;
import dev.stoa.tools.domain.model.ToolGroup;
import dev.stoa.web.validation.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the tools endpoints. */
public final class ToolViews {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolViews() {}

    /**
     * A registered tool.
     *
     * @param online whether a live SDK session serves it now
     */
    public record ToolView(
            String id,
            String name,
            String description,
            @JsonObject JsonNode inputSchema,
            String source,
            String sdkConnectionId,
            String version,
            int timeoutMs,
            List<String> tags,
            boolean idempotent,
            boolean online,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ToolView of(Tool t, boolean online) {
            return new ToolView(
                    t.id(),
                    t.name(),
                    t.definition().description(),
                    JSON.readTree(t.definition().inputSchemaJson()),
                    t.source(),
                    t.connectionId(),
                    t.version(),
                    t.definition().timeoutMs(),
                    t.definition().tags(),
                    t.definition().idempotent(),
                    online,
                    t.createdAt(),
                    t.updatedAt());
        }
    }

    /**
     * A tool as an agent may use it.
     *
     * @param timeoutMs the agent's override, else the tool's own
     * @param score similarity with the query under smart selection (previews), 0 when not scored
     * @param reason {@code allowed} (selection off), {@code always_included}, {@code selected} or {@code not_selected}
     * @param via what made it the agent's tool: {@code org} (no allowlist), {@code allow}, {@code group} or
     *     {@code builtin}
     * @param group the tool group that brought it, when {@code via} is {@code group}
     */
    public record AgentToolView(
            ToolView tool,
            int timeoutMs,
            boolean approvalRequired,
            double score,
            String reason,
            String via,
            @Nullable String group) {
        static AgentToolView of(SelectedTool s, boolean online) {
            return new AgentToolView(
                    ToolView.of(s.tool(), online),
                    s.timeoutMs(),
                    s.approvalRequired(),
                    s.score(),
                    s.reason(),
                    s.via(),
                    s.group());
        }
    }

    /**
     * What selection picks for a query: every allowed tool, best first, with its score and reason.
     *
     * @param smartSelection whether the agent's config ranks tools (off: every allowed tool is offered)
     */
    public record ToolPreview(boolean smartSelection, List<AgentToolView> tools) {}

    /** A tool group. */
    public record ToolGroupView(
            String id,
            String name,
            String description,
            List<String> tools,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ToolGroupView of(ToolGroup g) {
            return new ToolGroupView(
                    g.id(), g.name(), g.description(), g.tools(), g.createdBy(), g.createdAt(), g.updatedAt());
        }
    }

    /** The tools of an agent. */
    public record AgentToolList(List<AgentToolView> data) {}

    /** The tools of the org. */
    public record ToolList(List<ToolView> data) {}

    /** One tool's settings for an agent. */
    public record ToolOverrideView(@Nullable Integer timeoutMs, boolean approvalRequired) {}

    /**
     * An agent's tool config.
     *
     * @param allow tool names the agent may use; null (and no groups): every tool of the org
     * @param groups tool groups (by name) whose tools the agent may use, besides {@code allow}
     * @param builtins built-in tools the agent may use
     */
    public record ToolConfigView(
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            List<String> allow,

            List<String> deny,
            boolean smartSelection,
            int topK,
            List<String> alwaysInclude,
            Map<String, ToolOverrideView> overrides,
            List<String> groups,
            List<String> builtins) {
        static ToolConfigView of(ToolConfig c) {
            Map<String, ToolOverrideView> overrides = new TreeMap<>();
            c.overrides()
                    .forEach((name, o) ->
                            overrides.put(name, new ToolOverrideView(o.timeoutMs(), o.approvalRequired())));
            return new ToolConfigView(
                    c.allow(),
                    c.deny(),
                    c.smartSelection(),
                    c.topK(),
                    c.alwaysInclude(),
                    overrides,
                    c.groups(),
                    c.builtins());
        }
    }
}
