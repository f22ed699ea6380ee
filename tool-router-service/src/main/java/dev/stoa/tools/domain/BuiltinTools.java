package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.port.BuiltinTool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The tools the router runs itself, by name. Each org sees each as a {@link Tool} with the id {@code builtin_<name>}
 * and source {@code builtin}; an agent gets one only when its config lists it in {@code builtins}.
 */
@Service
public final class BuiltinTools {
    static final String ID_PREFIX = "builtin_";
    static final String CONNECTION = "builtin";

    private final Map<String, BuiltinTool> byName = new TreeMap<>();
    private final OffsetDateTime since;

    public BuiltinTools(List<BuiltinTool> tools, Clock clock) {
        tools.forEach(t -> byName.put(t.definition().name(), t));
        this.since = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    /** The names of every built-in tool. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The built-in {@code name} as the org's tool. */
    Optional<Tool> tool(String orgId, String name) {
        BuiltinTool builtin = byName.get(name);
        if (builtin == null) {
            return Optional.empty();
        }
        var definition = builtin.definition();
        return Optional.of(new Tool(
                ID_PREFIX + name,
                orgId,
                CONNECTION,
                definition,
                definition.version(),
                Tool.SOURCE_BUILTIN,
                since,
                since));
    }

    /** The built-in tool of this id, as the org's. */
    Optional<Tool> byId(String orgId, String toolId) {
        return toolId.startsWith(ID_PREFIX) ? tool(orgId, toolId.substring(ID_PREFIX.length())) : Optional.empty();
    }

    /** Every built-in tool, as the org's. */
    List<Tool> all(String orgId) {
        return byName.keySet().stream().flatMap(n -> tool(orgId, n).stream()).toList();
    }

    BuiltinTool implementation(Tool tool) {
        BuiltinTool builtin = byName.get(tool.name());
        if (builtin == null) {
            throw new IllegalStateException("no built-in tool " + tool.name());
        }
        return builtin;
    }
}
