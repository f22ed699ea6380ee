package dev.stoa.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code stoa.events.*}: the outbox relay's schedule. */
@ConfigurationProperties("stoa.events")
public record EventsProperties(@DefaultValue Relay relay) {

    /**
     * How the outbox relay polls, backs off and cleans up.
     *
     * @param enabled whether this instance publishes the outbox (any number of instances may; one works at a time)
     * @param pollInterval pause between polls when the outbox is empty
     * @param batchSize rows published per transaction
     * @param retention how long published rows are kept (for inspection) before deletion
     * @param cleanupInterval how often published rows past retention are deleted
     * @param maxBackoff longest pause between retries while Kafka or the database is unreachable
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100ms") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("24h") Duration retention,
            @DefaultValue("1m") Duration cleanupInterval,
            @DefaultValue("5s") Duration maxBackoff) {}
}
