package dev.stoa.gateway.web;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.Problem;
import dev.stoa.common.error.StoaException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 {@code application/problem+json} responses: the services' {@link Problem}, field for field. */
@Component
public final class ProblemWriter {
    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, StoaException error) {
        return write(exchange, Problem.of(error, instance(exchange), RequestContextFilter.requestId(exchange)));
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, String detail) {
        return write(exchange, status, code, detail, false);
    }

    public Mono<Void> write(
            ServerWebExchange exchange, HttpStatusCode status, String code, String detail, boolean retryable) {
        return write(
                exchange,
                Problem.of(
                        status.value(),
                        code,
                        detail,
                        instance(exchange),
                        retryable,
                        RequestContextFilter.requestId(exchange),
                        List.of()));
    }

    private Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        if (problem.status() == ErrorKind.UNAUTHENTICATED.httpStatus()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stoa\"");
        }
        byte[] bytes = json.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /** The path the client called (without the query string, which may carry secrets). */
    private static String instance(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }
}
