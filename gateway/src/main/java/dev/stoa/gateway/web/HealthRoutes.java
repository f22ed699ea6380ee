package dev.stoa.gateway.web;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /health}: the gateway process is up (it does not probe the services). */
@Configuration(proxyBeanMethods = false)
public class HealthRoutes {
    @Bean
    RouterFunction<ServerResponse> healthRoute() {
        return RouterFunctions.route()
                .GET("/health", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("status", "ok")))
                .build();
    }
}
