package dev.stoa.gateway.routing;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The enabled routes in match order (by {@code order}, then id), with their path patterns compiled. The gateway's
 * {@code RouteLocator}, the scope check and the OpenAPI merge all read this one table, so they agree on which
 * route owns a path.
 */
public final class RouteTable {
    private final List<Entry> entries;

    public RouteTable(Map<String, RouteProperties> routes) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        this.entries = routes.entrySet().stream()
                .filter(e -> e.getValue().enabled())
                .map(e -> new Entry(
                        e.getKey(), e.getValue(), compile(parser, e.getValue().paths()), rules(parser, e)))
                .sorted(Comparator.comparingInt((Entry e) -> e.properties().order())
                        .thenComparing(Entry::id))
                .toList();
    }

    /** Enabled routes, first match first. */
    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> byId(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The route that owns {@code path} (a concrete path or an OpenAPI path template). */
    public Optional<Entry> resolve(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return entries.stream().filter(e -> matchesAny(e.patterns(), container)).findFirst();
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(p -> p.matches(path));
    }

    private static List<PathPattern> compile(PathPatternParser parser, List<String> paths) {
        return paths.stream().map(parser::parse).toList();
    }

    private static List<CompiledRule> rules(PathPatternParser parser, Map.Entry<String, RouteProperties> route) {
        return route.getValue().scopes().stream()
                .map(rule -> new CompiledRule(
                        compile(parser, rule.paths()),
                        rule.methods().stream()
                                .map(m -> m.toUpperCase(Locale.ROOT))
                                .toList(),
                        rule.scope()))
                .toList();
    }

    /** What an API key needs to call one method and path of a route. */
    public sealed interface ScopeRequirement {
        /** The route leaves scopes to the service. */
        record Unchecked() implements ScopeRequirement {}

        /** Any API key may call. */
        record NoScope() implements ScopeRequirement {}

        /** The key must carry this scope. */
        record Scope(String name) implements ScopeRequirement {}

        /** The route lists scopes, but none for this method and path: API keys are refused (fail closed). */
        record NotAllowed() implements ScopeRequirement {}
    }

    /** An enabled route with its compiled patterns and scope rules. */
    public record Entry(String id, RouteProperties properties, List<PathPattern> patterns, List<CompiledRule> rules) {
        public URI uri() {
            return properties.uri();
        }

        /** The scope an API key needs for {@code method} on {@code path}. */
        public ScopeRequirement requirement(HttpMethod method, String path) {
            if (rules.isEmpty()) {
                return new ScopeRequirement.Unchecked();
            }
            PathContainer container = PathContainer.parsePath(path);
            for (CompiledRule rule : rules) {
                if ((rule.methods().isEmpty() || rule.methods().contains(method.name()))
                        && matchesAny(rule.patterns(), container)) {
                    return RouteProperties.ScopeRule.NONE.equals(rule.scope())
                            ? new ScopeRequirement.NoScope()
                            : new ScopeRequirement.Scope(rule.scope());
                }
            }
            return new ScopeRequirement.NotAllowed();
        }
    }

    /** A scope rule with its patterns compiled. */
    public record CompiledRule(List<PathPattern> patterns, List<String> methods, String scope) {}
}
