package dev.stoa.workflow.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.workflow.*}: the engine (db-scheduler) of this replica and where HTTP steps may go.
 *
 * @param engine executor threads, polling, heartbeats and how long stopping waits for steps in flight
 * @param http the SSRF policy of HTTP steps (public addresses only by default)
 */
@ConfigurationProperties("stoa.workflow")
public record WorkflowProperties(
        @DefaultValue Engine engine, @DefaultValue Http http) {

    /** db-scheduler: a replica that misses {@code missedHeartbeatsLimit} heartbeats is dead; its steps run again. */
    public record Engine(
            @DefaultValue("20") int threads,
            @DefaultValue("1s") Duration pollingInterval,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("4") int missedHeartbeatsLimit,
            @DefaultValue("10s") Duration shutdownMaxWait) {}

    /** HTTP steps: loopback and private networks are refused unless allowed (tests, embedded platform). */
    public record Http(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks) {}
}
