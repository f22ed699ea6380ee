package dev.stoa.gateway.web;

import org.springframework.core.Ordered;

/**
 * The order of the gateway's web filters, in one place: traffic metrics first (so every request is counted while
 * in flight), then the request id (so every response carries it), CORS
 * (so error responses are readable by browsers), the input guard (malformed paths and queries cost nothing more),
 * authentication with rate limiting, then the body limit; the gateway's routing runs after all of them.
 */
public final class FilterOrders {
    public static final int TRAFFIC_METRICS = Ordered.HIGHEST_PRECEDENCE;
    public static final int REQUEST_CONTEXT = Ordered.HIGHEST_PRECEDENCE + 50;
    public static final int CORS = Ordered.HIGHEST_PRECEDENCE + 100;
    public static final int INPUT_GUARD = Ordered.HIGHEST_PRECEDENCE + 150;
    public static final int AUTHENTICATION = Ordered.HIGHEST_PRECEDENCE + 200;
    public static final int BODY_LIMIT = Ordered.HIGHEST_PRECEDENCE + 300;

    private FilterOrders() {}
}
