package dev.stoa.tools.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of tool-router-service: the clock every timestamp comes from. */
@Configuration(proxyBeanMethods = false)
public class ToolsServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
