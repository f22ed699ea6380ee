package dev.stoa.gateway.auth;

import dev.stoa.common.error.RateLimitedException;
import dev.stoa.gateway.ratelimit.ClientIpResolver;
import dev.stoa.gateway.ratelimit.RateLimitKey;
import dev.stoa.gateway.ratelimit.RateLimiter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Decides whether a request may cost a call to identity (an uncached credential exchange). Without it, a client
 * sending random API keys would turn each request into a gRPC call before any budget applies.
 */
@FunctionalInterface
public interface ExchangeGuard {
    ExchangeGuard NONE = request -> Mono.empty();

    /** Completes empty to allow the exchange; fails with a {@code StoaException} to refuse it. */
    Mono<Void> beforeExchange(ServerHttpRequest request);

    /** Each uncached exchange spends one request from the client IP's budget. */
    static ExchangeGuard byClientIp(RateLimiter limiter, ClientIpResolver clientIps) {
        return request -> limiter.tryConsume(RateLimitKey.ip(clientIps.clientIp(request)))
                // a limiter outage must not block authentication; the filter logs it
                .onErrorResume(e -> Mono.empty())
                .flatMap(decision -> decision.allowed()
                        ? Mono.empty()
                        : Mono.error(new RateLimitedException(
                                "rate_limited", "too many new credentials from this address; retry later")));
    }
}
