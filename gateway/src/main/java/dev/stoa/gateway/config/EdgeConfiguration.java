package dev.stoa.gateway.config;

import dev.stoa.gateway.ratelimit.BucketPolicy;
import dev.stoa.gateway.ratelimit.ClientIpResolver;
import dev.stoa.gateway.ratelimit.LocalRateLimiter;
import dev.stoa.gateway.ratelimit.RateLimiter;
import dev.stoa.gateway.ratelimit.RedisRateLimiter;
import dev.stoa.gateway.web.FilterOrders;
import dev.stoa.gateway.web.MalformedRequestHandler;
import dev.stoa.gateway.web.TrafficMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/** Rate limiting, CORS, traffic metrics and the answers to requests the web server cannot parse. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class EdgeConfiguration {

    /** On Redis when {@code stoa.gateway.rate-limit.redis-url} is set (shared by all instances), else in memory. */
    @Bean
    RateLimiter rateLimiter(GatewayProperties properties) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        BucketPolicy policy = new BucketPolicy(limits);
        String redisUrl = limits.redisUrl();
        return redisUrl != null
                ? new RedisRateLimiter(policy, redisUrl)
                : new LocalRateLimiter(policy, limits.maxBuckets());
    }

    @Bean
    TrafficMetrics trafficMetrics(MeterRegistry registry, @Value("${management.server.port:-1}") int managementPort) {
        return new TrafficMetrics(registry, managementPort);
    }

    @Bean
    NettyServerCustomizer connectionCounter(TrafficMetrics metrics) {
        return metrics.connectionCounter();
    }

    /** Requests Reactor Netty or Spring's adapter would refuse with an empty body get a problem instead. */
    @Bean
    NettyServerCustomizer malformedRequests(JsonMapper json) {
        return MalformedRequestHandler.installer(json);
    }

    @Bean
    ClientIpResolver clientIpResolver(GatewayProperties properties) {
        return new ClientIpResolver(properties.trustedProxies());
    }

    @Bean
    @Order(FilterOrders.CORS)
    CorsWebFilter corsWebFilter(GatewayProperties properties) {
        GatewayProperties.Cors cors = properties.cors();
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.allowedOrigins().isEmpty() || !cors.allowedOriginPatterns().isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(cors.allowedOrigins());
            config.setAllowedOriginPatterns(cors.allowedOriginPatterns());
            config.setAllowedMethods(cors.allowedMethods());
            config.setAllowedHeaders(cors.allowedHeaders());
            config.setExposedHeaders(cors.exposedHeaders());
            config.setAllowCredentials(cors.allowCredentials());
            config.setMaxAge(cors.maxAge());
            source.registerCorsConfiguration("/**", config);
        }
        return new CorsWebFilter(source);
    }
}
