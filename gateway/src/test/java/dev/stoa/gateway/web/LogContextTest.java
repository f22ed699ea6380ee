package dev.stoa.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class LogContextTest {

    @Test
    void logLinesWrittenWhileHandlingARequestCarryItsIdsOnEveryThread() {
        RequestContextFilter filter = new RequestContextFilter();
        Map<String, String> seen = new ConcurrentHashMap<>();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/org")
                .header("X-Request-Id", "req-log-1")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        filter.filter(exchange, ex -> Mono.fromRunnable(() -> {
                            // a later step on another thread, as the proxied call would be
                            seen.put("request_id", String.valueOf(MDC.get(LogContext.REQUEST_ID)));
                            seen.put("trace_id", String.valueOf(MDC.get(LogContext.TRACE_ID)));
                            seen.put("span_id", String.valueOf(MDC.get(LogContext.SPAN_ID)));
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .then())
                .block();

        assertThat(seen)
                .containsEntry("request_id", "req-log-1")
                .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("span_id", "00f067aa0ba902b7");
        assertThat(MDC.get(LogContext.REQUEST_ID)).isNull();
    }
}
