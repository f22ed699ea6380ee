package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.ToolConfig;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A partial update of a tool config: null leaves a setting as it is; {@code clearAllow} makes the allowlist "every
 * tool" again (null cannot say that in a patch).
 */
public record ToolConfigChange(
        @Nullable List<String> allow,
        boolean clearAllow,
        @Nullable List<String> deny,
        @Nullable Boolean smartSelection,
        @Nullable Integer topK,
        @Nullable List<String> alwaysInclude,
        @Nullable Map<String, ToolConfig.ToolOverride> overrides,
        @Nullable List<String> groups,
        @Nullable List<String> builtins) {

    ToolConfig applyTo(ToolConfig current) {
        return new ToolConfig(
                clearAllow ? null : allow != null ? allow : current.allow(),
                deny != null ? deny : current.deny(),
                smartSelection != null ? smartSelection : current.smartSelection(),
                topK != null ? topK : current.topK(),
                alwaysInclude != null ? alwaysInclude : current.alwaysInclude(),
                overrides != null ? overrides : current.overrides(),
                groups != null ? groups.stream().distinct().toList() : current.groups(),
                builtins != null ? builtins.stream().distinct().toList() : current.builtins());
    }
}
