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
 */
@ConfigurationProperties("stoa.eval")
public record EvalProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5m") Duration turnTimeout,
        @DefaultValue Providers providers) {

    /** Judge model endpoints: loopback and private networks are refused unless allowed (tests, embedded platform). */
    public record Providers(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks) {}
}
