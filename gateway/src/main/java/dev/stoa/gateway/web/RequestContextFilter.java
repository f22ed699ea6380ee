package dev.stoa.gateway.web;

import dev.stoa.common.id.Ids;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} and a W3C {@code traceparent} (a valid incoming one is kept),
 * forwards both downstream and echoes them in the response, whoever writes it.
 */
@Component
public final class RequestContextFilter implements WebFilter, Ordered {
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    static final String REQUEST_ID_ATTR = RequestContextFilter.class.getName() + ".requestId";

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    // version-00 layout; later versions may append fields, which we accept and pass on unchanged
    private static final Pattern VALID_TRACEPARENT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-[^\\s]*)?");
    private static final HexFormat HEX = HexFormat.of();

    public RequestContextFilter() {
        LogContext.install();
    }

    @Override
    public int getOrder() {
        return FilterOrders.REQUEST_CONTEXT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        String requestId = requestIdOrNew(incoming.getFirst(REQUEST_ID));
        String traceparent = incoming.getFirst(TRACEPARENT);
        boolean traceValid = isValidTraceparent(traceparent);
        String trace = traceValid && traceparent != null ? traceparent : newTraceparent();
        exchange.getAttributes().put(REQUEST_ID_ATTR, requestId);
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(h -> {
                    h.set(REQUEST_ID, requestId);
                    h.set(TRACEPARENT, trace);
                    if (!traceValid) {
                        // W3C: a tracestate without a valid traceparent must not be propagated
                        h.remove(TRACESTATE);
                    }
                })
                .build();
        exchange.getResponse().beforeCommit(() -> {
            // set, not add: an upstream echoing the same headers must not duplicate them
            exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
            exchange.getResponse().getHeaders().set(TRACEPARENT, trace);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build()).contextWrite(LogContext.of(requestId, trace));
    }

    /** The request id of this exchange ("" before this filter ran). */
    public static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(REQUEST_ID_ATTR);
        return id != null ? id : "";
    }

    static String requestIdOrNew(@Nullable String incoming) {
        return incoming != null && VALID_ID.matcher(incoming).matches() ? incoming : Ids.generate("req");
    }

    static boolean isValidTraceparent(@Nullable String value) {
        if (value == null) {
            return false;
        }
        var m = VALID_TRACEPARENT.matcher(value);
        if (!m.matches() || "ff".equals(m.group(1)) || ("00".equals(m.group(1)) && m.group(4) != null)) {
            return false;
        }
        return !isZero(m.group(2)) && !isZero(m.group(3));
    }

    static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        long span;
        do {
            span = random.nextLong();
        } while (span == 0);
        return "00-" + HEX.toHexDigits(high) + HEX.toHexDigits(low) + "-" + HEX.toHexDigits(span) + "-01";
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
