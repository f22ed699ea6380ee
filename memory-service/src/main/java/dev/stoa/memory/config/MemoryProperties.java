package dev.stoa.memory.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.memory.*}: the vector index, the consumers' retries, retention and where models may be.
 *
 * @param indexDir an on-disk directory for this replica's index (emptied and rebuilt at start); unset: on the heap
 * @param indexPoll how often the index reads the facts' changes (other replicas' writes)
 * @param indexOverlap how far back each catch-up reads again (a change committed this long after taking its number
 *     is still seen)
 * @param indexBatch changes read per query
 * @param retentionEvery how often facts past their agent's retention are purged
 */
@ConfigurationProperties("stoa.memory")
public record MemoryProperties(
        @Nullable Path indexDir,
        @DefaultValue("1s") Duration indexPoll,
        @DefaultValue("10s") Duration indexOverlap,
        @DefaultValue("2000") int indexBatch,
        @DefaultValue("24h") Duration retentionEvery,
        @DefaultValue Consumer consumer,
        @DefaultValue Providers providers) {

    /**
     * Retries of an event whose processing failed for a reason that may pass (the database or agent-service away, a
     * provider down); after {@code maxRetryTime} it is dead-lettered. Unreadable events are dead-lettered at once.
     */
    public record Consumer(
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("5m") Duration maxRetryTime) {}

    /** Where extraction models may be: loopback for Ollama or the fake provider, private networks. */
    public record Providers(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks) {}
}
