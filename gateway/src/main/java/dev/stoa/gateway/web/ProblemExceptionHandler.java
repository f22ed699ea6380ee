package dev.stoa.gateway.web;

import dev.stoa.common.error.StoaException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure of the gateway itself (filters, routing, upstream connection) into a problem response.
 * Ordered before Spring Boot's default handler, which would answer in another shape.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter problems;

    public ProblemExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        StoaException stoa = find(error, StoaException.class);
        if (stoa != null) {
            return problems.write(exchange, stoa);
        }
        if (error instanceof ResponseStatusException status) {
            return writeStatus(exchange, status.getStatusCode());
        }
        if (find(error, DataBufferLimitException.class) != null) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "request too large");
        }
        if (find(error, ConnectException.class) != null) {
            return problems.write(
                    exchange, HttpStatus.SERVICE_UNAVAILABLE, "upstream_unavailable", "the service is unavailable");
        }
        if (find(error, TimeoutException.class) != null) {
            return problems.write(
                    exchange, HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout", "the service did not answer in time");
        }
        log.error("unhandled gateway error on {}", exchange.getRequest().getPath(), error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "internal error");
    }

    private Mono<Void> writeStatus(ServerWebExchange exchange, HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> problems.write(exchange, status, "not_found", "no route for this path");
            case 405 -> problems.write(exchange, status, "method_not_allowed", "method not allowed");
            case 413 -> problems.write(exchange, status, "payload_too_large", "request too large");
            case 503 -> problems.write(exchange, status, "upstream_unavailable", "the service is unavailable");
            case 504 -> problems.write(exchange, status, "upstream_timeout", "the service did not answer in time");
            default ->
                status.is4xxClientError()
                        ? problems.write(exchange, status, "bad_request", "the request could not be handled")
                        : problems.write(exchange, status, "internal", "internal error");
        };
    }

    private static <T extends Throwable> @org.jspecify.annotations.Nullable T find(Throwable error, Class<T> type) {
        Throwable t = error;
        // bounded: cause chains can be cyclic
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
