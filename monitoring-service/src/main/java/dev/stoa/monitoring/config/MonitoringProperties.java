package dev.stoa.monitoring.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.monitoring.*}: the consumers' retries, the read side's limits and webhook delivery.
 *
 * @param maxRange widest from..to window of tool-call lists, stats and the audit log
 * @param maxCostDays most UTC days one cost query sums
 */
@ConfigurationProperties("stoa.monitoring")
public record MonitoringProperties(
        @DefaultValue Consumer consumer,
        @DefaultValue("31d") Duration maxRange,
        @DefaultValue("366") int maxCostDays,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Retention retention) {

    /**
     * How long monitoring keeps what it records; the cost ledger, budget alerts and the audit log are kept.
     *
     * @param toolCalls tool-call logs (by when the call ended)
     * @param safetyAlerts safety alerts
     * @param webhookDeliveries finished webhook deliveries (pending ones are kept until they finish)
     * @param deadLetters dead-lettered events
     * @param redelivery deduplication records and forgotten conversations: longer than any topic's Kafka retention
     *     (30 days), so a redelivered event is still recognised
     * @param every how often the retention job runs
     * @param batchSize rows one delete statement removes at most
     */
    public record Retention(
            @DefaultValue("90d") Duration toolCalls,
            @DefaultValue("365d") Duration safetyAlerts,
            @DefaultValue("30d") Duration webhookDeliveries,
            @DefaultValue("30d") Duration deadLetters,
            @DefaultValue("35d") Duration redelivery,
            @DefaultValue("1h") Duration every,
            @DefaultValue("5000") int batchSize) {}

    /**
     * Retries of an event whose processing failed for a reason that may pass (the database away); after
     * {@code maxRetryTime} it is dead-lettered. Unreadable events are dead-lettered at once.
     */
    public record Consumer(
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("2m") Duration maxRetryTime) {}

    /**
     * Webhook registration and delivery.
     *
     * @param allowInsecure accept http:// URLs (tests, the embedded platform); production takes https only
     * @param allowLoopback let webhook URLs reach this machine (the embedded platform)
     * @param allowPrivateNetworks let webhook URLs reach private networks (tests' local receivers)
     * @param timeout the whole of one delivery attempt
     * @param retryDelays the wait before each retry (jittered); a delivery has one attempt more than delays
     * @param disableAfterFailures consecutive failed attempts after which a webhook is disabled
     * @param pollInterval how often an idle worker looks for due deliveries
     * @param batchSize deliveries one worker claims (and sends in parallel) at a time
     * @param lease how long a claim holds a delivery from other replicas; longer than {@code timeout}
     */
    public record Webhooks(
            @DefaultValue("false") boolean allowInsecure,
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue({"30s", "2m", "10m", "1h", "6h"}) List<Duration> retryDelays,
            @DefaultValue("10") int disableAfterFailures,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("20") int batchSize,
            @DefaultValue("2m") Duration lease) {}
}
