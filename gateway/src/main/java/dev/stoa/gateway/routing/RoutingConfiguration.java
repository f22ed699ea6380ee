package dev.stoa.gateway.routing;

import dev.stoa.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns {@code stoa.gateway.routes} into Spring Cloud Gateway routes, in the table's order. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    RouteTable routeTable(GatewayProperties properties) {
        return new RouteTable(properties.routes());
    }

    @Bean
    RouteLocator stoaRoutes(RouteLocatorBuilder builder, RouteTable table) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (RouteTable.Entry entry : table.entries()) {
            routes.route(entry.id(), r -> r.order(entry.properties().order())
                    .path(entry.properties().paths().toArray(String[]::new))
                    .uri(entry.uri()));
        }
        return routes.build();
    }
}
