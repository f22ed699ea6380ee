package dev.stoa.gateway.routing;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One upstream route ({@code stoa.gateway.routes.<id>.*}): where it goes, which paths it owns, where it stands in
 * the match order (lower first), and which scope an API key needs per method and path.
 *
 * @param openapi path of the upstream's OpenAPI document, merged into {@code /openapi.json}
 * @param scopes first matching rule wins; a route with rules refuses API keys on paths no rule covers
 */
public record RouteProperties(
        @DefaultValue("true") boolean enabled,
        URI uri,
        List<String> paths,
        @DefaultValue("0") int order,
        @DefaultValue("/v3/api-docs") String openapi,
        @DefaultValue List<ScopeRule> scopes) {

    public RouteProperties {
        paths = List.copyOf(paths);
        scopes = List.copyOf(scopes);
    }

    /**
     * The scope an API key needs for some methods on some paths.
     *
     * @param methods HTTP methods the rule applies to; empty for every method
     * @param scope the required scope, or {@value #NONE} when any API key may call
     */
    public record ScopeRule(
            List<String> paths, @DefaultValue List<String> methods, String scope) {
        public static final String NONE = "none";

        public ScopeRule {
            paths = List.copyOf(paths);
            methods = List.copyOf(methods);
        }
    }
}
