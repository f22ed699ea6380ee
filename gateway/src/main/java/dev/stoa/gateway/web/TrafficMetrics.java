package dev.stoa.gateway.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

/**
 * What a stalled gateway would show in production: requests in flight on the public port (a request is in flight
 * from the first filter until its exchange ends, whatever ends it), and open and accepted client connections. A
 * connection count that stays up while in-flight requests stay at zero and clients time out is a stall at the
 * connection level, the symptom of issue 16. Requests and connections of the management port are not counted.
 */
public final class TrafficMetrics implements WebFilter, Ordered {
    private final int managementPort;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong openConnections = new AtomicLong();
    private final Counter acceptedConnections;

    public TrafficMetrics(MeterRegistry registry, int managementPort) {
        this.managementPort = managementPort;
        Gauge.builder("stoa.gateway.requests.inflight", inFlight, AtomicLong::get)
                .description("Requests on the public port whose handling has not ended")
                .register(registry);
        Gauge.builder("stoa.gateway.connections.open", openConnections, AtomicLong::get)
                .description("Client connections open on the public port")
                .register(registry);
        this.acceptedConnections = Counter.builder("stoa.gateway.connections.accepted")
                .description("Client connections accepted on the public port")
                .register(registry);
    }

    @Override
    public int getOrder() {
        return FilterOrders.TRAFFIC_METRICS;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        if (isManagement(local)) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
                    inFlight.incrementAndGet();
                    return chain.filter(exchange);
                })
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    /** Requests in flight on the public port now. */
    public long inFlight() {
        return inFlight.get();
    }

    /** Counts the public port's connections as Reactor Netty accepts and closes them. */
    public NettyServerCustomizer connectionCounter() {
        return (HttpServer server) -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.localAddress() instanceof InetSocketAddress local && isManagement(local)) {
                return;
            }
            acceptedConnections.increment();
            openConnections.incrementAndGet();
            channel.closeFuture().addListener(closed -> openConnections.decrementAndGet());
        });
    }

    private boolean isManagement(@Nullable InetSocketAddress local) {
        return managementPort > 0 && local != null && local.getPort() == managementPort;
    }
}
