package dev.stoa.monitoring.config;

import dev.stoa.monitoring.domain.Retention;
import dev.stoa.monitoring.domain.port.RetentionStore;
import dev.stoa.monitoring.domain.port.RetentionStore.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The retention job: {@link Retention} every {@code stoa.monitoring.retention.every}, first a minute after start. */
@Configuration(proxyBeanMethods = false)
public class RetentionConfig {
    private static final Logger log = LoggerFactory.getLogger(RetentionConfig.class);

    @Bean
    Retention retention(RetentionStore store, MonitoringProperties properties, Clock clock) {
        MonitoringProperties.Retention r = properties.retention();
        Map<Kind, Duration> ages = Map.of(
                Kind.TOOL_CALLS, r.toolCalls(),
                Kind.SAFETY_ALERTS, r.safetyAlerts(),
                Kind.WEBHOOK_DELIVERIES, r.webhookDeliveries(),
                Kind.DEAD_LETTERS, r.deadLetters(),
                Kind.FORGOTTEN_CONVERSATIONS, r.redelivery(),
                Kind.PROCESSED_EVENTS, r.redelivery());
        ages.forEach((kind, age) -> {
            if (age.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalStateException("stoa.monitoring.retention: " + kind + " must be kept at least a day");
            }
        });
        if (r.batchSize() < 1 || r.every().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException("stoa.monitoring.retention: batch-size and every must be positive");
        }
        return new Retention(store, ages, r.batchSize(), clock);
    }

    @Bean
    SmartLifecycle retentionJob(Retention retention, MonitoringProperties properties) {
        long every = properties.retention().every().toMillis();
        return new SmartLifecycle() {
            private volatile @Nullable ScheduledExecutorService executor;

            @Override
            public void start() {
                executor = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("retention").daemon().factory());
                executor.scheduleWithFixedDelay(
                        () -> {
                            try {
                                retention.purgeExpired();
                            } catch (RuntimeException e) {
                                log.warn("retention pass failed; the next one retries: {}", e.toString());
                            }
                        },
                        Math.min(every, TimeUnit.MINUTES.toMillis(1)),
                        every,
                        TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                ScheduledExecutorService running = executor;
                if (running != null) {
                    running.shutdownNow();
                }
                executor = null;
            }

            @Override
            public boolean isRunning() {
                return executor != null;
            }
        };
    }
}
