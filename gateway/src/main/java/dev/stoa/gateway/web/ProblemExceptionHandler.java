package dev.stoa.gateway.web;

import dev.stoa.common.error.ProblemCodes;
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
public final class ProblemExceptionHandler implements WebExceptionHandler {
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
            return problems.write(
                    exchange, HttpStatus.CONTENT_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE, "request too large");
        }
        if (find(error, ConnectException.class) != null) {
            return unavailable(exchange, HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (find(error, TimeoutException.class) != null) {
            return timeout(exchange, HttpStatus.GATEWAY_TIMEOUT);
        }
        log.error("unhandled gateway error on {}", exchange.getRequest().getPath(), error);
        return problems.write(
                exchange, HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL_ERROR, ProblemCodes.INTERNAL_DETAIL);
    }

    private Mono<Void> writeStatus(ServerWebExchange exchange, HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> problems.write(exchange, status, ProblemCodes.NOT_FOUND, "no route for this path");
            case 405 -> problems.write(exchange, status, ProblemCodes.METHOD_NOT_ALLOWED, "method not allowed");
            case 413 -> problems.write(exchange, status, ProblemCodes.PAYLOAD_TOO_LARGE, "request too large");
            case 503 -> unavailable(exchange, status);
            case 504 -> timeout(exchange, status);
            default ->
                status.is4xxClientError()
                        ? problems.write(
                                exchange,
                                status,
                                ProblemCodes.codeFor(status.value()),
                                "the request could not be handled")
                        : problems.write(
                                exchange, status, ProblemCodes.codeFor(status.value()), ProblemCodes.INTERNAL_DETAIL);
        };
    }

    /** The service was not reached at all, so sending the same request again later is safe. */
    private Mono<Void> unavailable(ServerWebExchange exchange, HttpStatusCode status) {
        return problems.write(exchange, status, ProblemCodes.UPSTREAM_UNAVAILABLE, "the service is unavailable", true);
    }

    /** The service may have acted on the request before the deadline passed: not blindly retryable. */
    private Mono<Void> timeout(ServerWebExchange exchange, HttpStatusCode status) {
        return problems.write(exchange, status, ProblemCodes.UPSTREAM_TIMEOUT, "the service did not answer in time");
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
