package dev.stoa.revocation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stoa.revocation.*}: where revocations come from and how long a starting process waits for identity's list.
 *
 * @param enabled off only for tests of a service without Kafka
 * @param lookback how far back a starting process replays {@code topic} (the longest life of a token)
 * @param startupWait how long start-up waits for the first rebuild from identity before serving anyway (the rebuild
 *     then goes on in the background; {@code topic}'s look-back covers the gap)
 * @param deadline of each {@code ListRevokedCredentials} page
 */
@ConfigurationProperties("stoa.revocation")
public record RevocationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("stoa.sessions.v1") String topic,
        @DefaultValue("20m") Duration lookback,
        @DefaultValue("30s") Duration startupWait,
        @DefaultValue("5s") Duration deadline) {}
