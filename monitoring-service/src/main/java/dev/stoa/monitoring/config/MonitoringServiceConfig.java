package dev.stoa.monitoring.config;

import dev.stoa.monitoring.domain.MonitoringSettings;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of monitoring-service: the clock every timestamp comes from and the read side's limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
public class MonitoringServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    MonitoringSettings monitoringSettings(MonitoringProperties properties) {
        return new MonitoringSettings(properties.maxRange(), properties.maxCostDays());
    }
}
