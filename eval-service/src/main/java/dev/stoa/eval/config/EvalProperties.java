package dev.stoa.eval.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.eval.*}: the run worker and the calls to chat.
 *
 * @param pollInterval how often the run worker looks for queued runs and runs another process left
 * @param lease how long a worker holds a run without renewing it (a process that dies leaves its runs this long)
 * @param turnTimeout the longest one case's turn may take
 * @param providers where judge models may be reached (public addresses only by default)
 * @param quality how long kept turns of agents with quality checks stay
 * @param consumer retries of a turn event whose processing failed (the judge's model away)
 */
@ConfigurationProperties("stoa.eval")
public record EvalProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5m") Duration turnTimeout,
        @DefaultValue Providers providers,
        @DefaultValue Quality quality,
        @DefaultValue Consumer consumer) {

    /** Judge model endpoints: loopback and private networks are refused unless allowed (tests, embedded platform). */
    public record Providers(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks) {}

    /** Kept turns (user content) are purged {@code retention} after they finished, checked every {@code purgeInterval}. */
    public record Quality(
            @DefaultValue("30d") Duration retention,
            @DefaultValue("1h") Duration purgeInterval) {}

    /** Back-off of a failed event: doubling from {@code initialBackoff} up to {@code maxBackoff}, for {@code maxRetryTime}. */
    public record Consumer(
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("5m") Duration maxRetryTime) {}
}
