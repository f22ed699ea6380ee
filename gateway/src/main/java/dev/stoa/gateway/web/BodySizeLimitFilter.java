package dev.stoa.gateway.web;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.gateway.config.GatewayProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code stoa.gateway.max-body-bytes} with 413: at once when Content-Length says so,
 * and by counting the bytes as they stream for chunked bodies that declare no length.
 */
@Component
public final class BodySizeLimitFilter implements WebFilter, Ordered {
    private final long maxBytes;

    public BodySizeLimitFilter(GatewayProperties properties) {
        this.maxBytes = properties.maxBodyBytes().toBytes();
    }

    @Override
    public int getOrder() {
        return FilterOrders.BODY_LIMIT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw tooLarge();
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private StoaException tooLarge() {
        return new StoaException(
                ErrorKind.PAYLOAD_TOO_LARGE, "payload_too_large", "the request body exceeds " + maxBytes + " bytes");
    }
}
