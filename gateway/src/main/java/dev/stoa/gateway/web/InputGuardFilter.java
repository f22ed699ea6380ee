package dev.stoa.gateway.web;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.common.input.UriRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's share of the input guard, before anything authenticates or routes the request: only the methods the
 * API uses (others get 405 {@code method_not_allowed}), and a path and query that {@link UriRules} accept (400
 * {@code validation_failed} naming the parameter, or {@code path}): valid percent-encoded UTF-8 with no NUL or
 * control characters, no dot segments or encoded slashes. What the web server cannot even parse is answered by
 * {@link MalformedRequestHandler}.
 */
@Component
public final class InputGuardFilter implements WebFilter, Ordered {
    /** The methods of the API (and CORS preflights). */
    public static final Set<HttpMethod> METHODS = Set.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.PATCH,
            HttpMethod.DELETE,
            HttpMethod.OPTIONS);

    private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    @Override
    public int getOrder() {
        return FilterOrders.INPUT_GUARD;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!METHODS.contains(request.getMethod())) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOW);
            return Mono.error(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED));
        }
        List<FieldError> errors =
                new ArrayList<>(UriRules.pathErrors(request.getPath().value()));
        errors.addAll(UriRules.queryErrors(request.getURI().getRawQuery()));
        return errors.isEmpty() ? chain.filter(exchange) : Mono.error(new InvalidInputException(errors));
    }
}
