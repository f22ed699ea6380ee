package dev.stoa.gateway.auth;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.RateLimitedException;
import dev.stoa.gateway.ratelimit.ClientIpResolver;
import dev.stoa.gateway.ratelimit.RateLimitDecision;
import dev.stoa.gateway.ratelimit.RateLimitKey;
import dev.stoa.gateway.ratelimit.RateLimiter;
import dev.stoa.gateway.web.FilterOrders;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request, spends it from the caller's rate-limit budget, and only then answers a refusal:
 * the budget depends on who the caller turned out to be (an API key, a user, or the IP of an anonymous or refused
 * caller), and refused requests must count too. Exchanged credentials are replaced by their platform token.
 */
public final class AuthenticationFilter implements WebFilter, Ordered {
    /** Exchange attribute holding the authenticated {@link Principal}. */
    public static final String PRINCIPAL_ATTR = AuthenticationFilter.class.getName() + ".principal";
    /** The client's address as the gateway resolved it (trusted proxies honoured), for the services behind it. */
    public static final String CLIENT_ADDRESS_HEADER = "X-Stoa-Client-Address";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);
    private static final long WARN_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ClientIpResolver clientIps;
    private final RequestMatcher exemptFromLimits;
    private final int managementPort;
    private final AtomicLong lastLimiterWarning = new AtomicLong();

    public AuthenticationFilter(
            Authenticator authenticator,
            RateLimiter rateLimiter,
            ClientIpResolver clientIps,
            RequestMatcher exemptFromLimits) {
        this(authenticator, rateLimiter, clientIps, exemptFromLimits, -1);
    }

    /**
     * @param managementPort the actuator's own port (probes and scrapes, never published), or -1 when it shares the
     *     public port; requests arriving there are not the API's and need no credentials
     */
    public AuthenticationFilter(
            Authenticator authenticator,
            RateLimiter rateLimiter,
            ClientIpResolver clientIps,
            RequestMatcher exemptFromLimits,
            int managementPort) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.clientIps = clientIps;
        this.exemptFromLimits = exemptFromLimits;
        this.managementPort = managementPort;
    }

    @Override
    public int getOrder() {
        return FilterOrders.AUTHENTICATION;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var local = exchange.getRequest().getLocalAddress();
        if (managementPort > 0 && local != null && local.getPort() == managementPort) {
            return chain.filter(exchange);
        }
        return authenticator.authenticate(exchange.getRequest()).flatMap(outcome -> spend(exchange, outcome)
                .then(Mono.defer(() -> proceed(exchange, chain, outcome))));
    }

    private Mono<Void> spend(ServerWebExchange exchange, AuthOutcome outcome) {
        ServerHttpRequest request = exchange.getRequest();
        if (exemptFromLimits.matches(request.getMethod(), request.getPath().pathWithinApplication())) {
            return Mono.empty();
        }
        RateLimitKey key = outcome instanceof AuthOutcome.Authenticated a
                ? RateLimitKey.of(a.principal())
                : RateLimitKey.ip(clientIps.clientIp(request));
        return rateLimiter
                .tryConsume(key)
                .onErrorResume(e -> {
                    warnLimiterDown(e);
                    return Mono.empty();
                })
                .flatMap(decision -> {
                    exchange.getResponse().beforeCommit(() -> {
                        writeHeaders(exchange.getResponse().getHeaders(), decision);
                        return Mono.empty();
                    });
                    return decision.allowed()
                            ? Mono.empty()
                            : Mono.error(new RateLimitedException(
                                    "rate_limited",
                                    "rate limit of " + decision.limit() + " requests exceeded; retry in "
                                            + decision.retryAfterSeconds() + " s"));
                });
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, AuthOutcome outcome) {
        return switch (outcome) {
            case AuthOutcome.Rejected rejected -> Mono.error(rejected.error());
            case AuthOutcome.Anonymous anonymous -> chain.filter(forwarded(exchange, null));
            case AuthOutcome.Authenticated authenticated -> {
                exchange.getAttributes().put(PRINCIPAL_ATTR, authenticated.principal());
                yield chain.filter(forwarded(exchange, authenticated.exchangedToken()));
            }
        };
    }

    /**
     * Downstream sees only platform tokens (an exchanged credential is replaced by its token) and the client address
     * the gateway resolved, in {@link #CLIENT_ADDRESS_HEADER}: whatever the client sent under that name is replaced,
     * so a service that trusts the header from the gateway (identity's login throttle) gets the gateway's answer.
     */
    private ServerWebExchange forwarded(ServerWebExchange exchange, @Nullable String exchangedToken) {
        String clientAddress = clientIps.clientIp(exchange.getRequest());
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(h -> {
                    h.set(CLIENT_ADDRESS_HEADER, clientAddress);
                    if (exchangedToken != null) {
                        h.remove(Credential.API_KEY_HEADER);
                        h.setBearerAuth(exchangedToken);
                    }
                })
                .build();
        return exchange.mutate().request(request).build();
    }

    private static void writeHeaders(HttpHeaders headers, RateLimitDecision decision) {
        headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
        if (!decision.allowed()) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        }
    }

    private void warnLimiterDown(Throwable error) {
        long now = System.currentTimeMillis();
        long last = lastLimiterWarning.get();
        // fail open, but say so (once a minute, not once a request)
        if (now - last > WARN_EVERY_MILLIS && lastLimiterWarning.compareAndSet(last, now)) {
            log.warn("rate limiter unavailable, requests pass unlimited: {}", error.toString());
        }
    }
}
