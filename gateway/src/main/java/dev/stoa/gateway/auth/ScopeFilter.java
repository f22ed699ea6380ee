package dev.stoa.gateway.auth;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.gateway.routing.RouteTable;
import dev.stoa.gateway.routing.RouteTable.ScopeRequirement;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks an API key's scopes against the scope rules of the route the gateway picked (403
 * {@code insufficient_scope}); runs after route matching so it judges exactly the route that will serve.
 */
public final class ScopeFilter implements GlobalFilter, Ordered {
    private final RouteTable routes;

    public ScopeFilter(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Principal principal = exchange.getAttribute(AuthenticationFilter.PRINCIPAL_ATTR);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (principal == null || route == null || principal.tokenType() != TokenType.API_KEY) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        ScopeRequirement requirement = routes.byId(route.getId())
                .map(r -> r.requirement(
                        request.getMethod(),
                        request.getPath().pathWithinApplication().value()))
                .orElse(new ScopeRequirement.NotAllowed());
        return switch (requirement) {
            case ScopeRequirement.Unchecked u -> chain.filter(exchange);
            case ScopeRequirement.NoScope n -> chain.filter(exchange);
            case ScopeRequirement.Scope scope ->
                principal.scopes().contains(scope.name())
                        ? chain.filter(exchange)
                        : Mono.error(new PermissionDeniedException(
                                "insufficient_scope", "this API key lacks the scope " + scope.name()));
            case ScopeRequirement.NotAllowed n ->
                Mono.error(new PermissionDeniedException("insufficient_scope", "API keys cannot call this endpoint"));
        };
    }
}
