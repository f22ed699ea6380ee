package dev.stoa.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * REST conventions of a Stoa service ({@code stoa.web.*}).
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413 before the body is read
 * @param idempotency the {@code Idempotency-Key} support
 */
@ConfigurationProperties("stoa.web")
public record StoaWebProperties(
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue Idempotency idempotency) {

    /**
     * {@code stoa.web.idempotency.*}.
     *
     * @param enabled whether POSTs carrying {@code Idempotency-Key} are deduplicated (needs a DSLContext)
     * @param ttl how long a completed response is kept for replay
     * @param inFlightTimeout how long a reservation blocks the key if its request never completes (crash)
     * @param cleanupInterval how often expired keys are purged
     */
    public record Idempotency(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration ttl,
            @DefaultValue("5m") Duration inFlightTimeout,
            @DefaultValue("1h") Duration cleanupInterval) {}
}
