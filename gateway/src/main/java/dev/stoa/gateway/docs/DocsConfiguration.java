package dev.stoa.gateway.docs;

import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.gateway.routing.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI aggregation and the documentation pages. */
@Configuration(proxyBeanMethods = false)
public class DocsConfiguration {

    @Bean
    OpenApiAggregator openApiAggregator(RouteTable routes, JsonMapper json, GatewayProperties properties) {
        return new OpenApiAggregator(routes, WebClient.builder(), json, properties.docs());
    }

    @Bean
    RouterFunction<ServerResponse> docsRoutes(OpenApiAggregator openApi, GatewayProperties properties) {
        return DocsRoutes.routes(openApi, properties.docs());
    }
}
