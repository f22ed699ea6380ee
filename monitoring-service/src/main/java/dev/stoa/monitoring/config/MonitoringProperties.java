package dev.stoa.monitoring.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.monitoring.*}: the consumers' retries and the read side's limits.
 *
 * @param maxRange widest from..to window of tool-call lists, stats and the audit log
 * @param maxCostDays most UTC days one cost query sums
 */
@ConfigurationProperties("stoa.monitoring")
public record MonitoringProperties(
        @DefaultValue Consumer consumer,
        @DefaultValue("31d") Duration maxRange,
        @DefaultValue("366") int maxCostDays) {

    /**
     * Retries of an event whose processing failed for a reason that may pass (the database away); after
     * {@code maxRetryTime} it is dead-lettered. Unreadable events are dead-lettered at once.
     */
    public record Consumer(
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("2m") Duration maxRetryTime) {}
}
