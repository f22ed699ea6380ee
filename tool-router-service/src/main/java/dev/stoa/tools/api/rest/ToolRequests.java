package dev.stoa.tools.api.rest;

import dev.stoa.tools.domain.ToolConfigChange;
import dev.stoa.tools.domain.model.ToolConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Request bodies of the tools endpoints; unknown fields are refused. */
public final class ToolRequests {
    static final String TOOL_NAME = "^[a-zA-Z0-9_-]{1,64}$";

    private ToolRequests() {}

    /** A new tool group: its name (unique in the org), what it is for and its tool names. */
    public record CreateToolGroup(
            @NotNull @Pattern(regexp = TOOL_NAME) String name,
            @Nullable @Size(max = 1000) String description,
            @NotNull @Size(max = 512) List<@NotNull @Pattern(regexp = TOOL_NAME) String> tools) {}

    /** Changes to a tool group; absent fields stay as they are, {@code tools} replaces the list. */
    public record UpdateToolGroup(
            @Nullable @Pattern(regexp = TOOL_NAME) String name,
            @Nullable @Size(max = 1000) String description,
            @Nullable @Size(max = 512) List<@NotNull @Pattern(regexp = TOOL_NAME) String> tools) {}

    /** One tool's settings for an agent. */
    public record ToolOverrideBody(
            @Nullable @Min(100) @Max(600_000) Integer timeoutMs,
            @Nullable Boolean approvalRequired) {}

    /**
     * A query to preview tool selection with.
     *
     * @param topK how many tools to pick, instead of the agent's top_k
     */
    public record PreviewTools(
            @jakarta.validation.constraints.NotBlank @Size(max = 4000)
            String query,

            @Nullable @Min(1) @Max(ToolConfig.MAX_TOP_K) Integer topK) {}

    /**
     * Changes to an agent's tool config; absent fields stay as they are.
     *
     * @param allowAll true makes every tool of the org allowed again (drops the allowlist)
     * @param overrides when given, replaces all per-tool settings
     * @param groups when given, replaces the tool groups (by name) whose tools the agent may use
     * @param builtins when given, replaces the built-in tools the agent may use (e.g. {@code http_fetch})
     */
    public record UpdateToolConfig(
            @Nullable @Size(max = 512) List<@NotNull @Pattern(regexp = TOOL_NAME) String> allow,
            @Nullable Boolean allowAll,
            @Nullable @Size(max = 512) List<@NotNull @Pattern(regexp = TOOL_NAME) String> deny,
            @Nullable Boolean smartSelection,
            @Nullable @Min(1) @Max(ToolConfig.MAX_TOP_K) Integer topK,
            @Nullable @Size(max = 64) List<@NotNull @Pattern(regexp = TOOL_NAME) String> alwaysInclude,

            @Nullable @Size(max = 512)
            Map<@Pattern(regexp = TOOL_NAME) String, @NotNull @Valid ToolOverrideBody> overrides,

            @Nullable @Size(max = 64) List<@NotNull @Pattern(regexp = TOOL_NAME) String> groups,
            @Nullable @Size(max = 16) List<@NotNull @Pattern(regexp = TOOL_NAME) String> builtins) {

        ToolConfigChange toChange() {
            Map<String, ToolConfig.ToolOverride> converted = null;
            if (overrides != null) {
                converted = new TreeMap<>();
                for (var e : overrides.entrySet()) {
                    converted.put(
                            e.getKey(),
                            new ToolConfig.ToolOverride(
                                    e.getValue().timeoutMs(),
                                    Boolean.TRUE.equals(e.getValue().approvalRequired())));
                }
            }
            return new ToolConfigChange(
                    allow,
                    Boolean.TRUE.equals(allowAll),
                    deny,
                    smartSelection,
                    topK,
                    alwaysInclude,
                    converted,
                    groups,
                    builtins);
        }
    }
}
