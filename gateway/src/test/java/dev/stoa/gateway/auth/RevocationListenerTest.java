package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.proto.identity.v1.PlatformToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** How one {@code stoa.sessions.v1} record changes what the gateway accepts. */
class RevocationListenerTest {
    private static final String SECRET = "stoa_sk_revoked_key";

    private final AtomicInteger exchanges = new AtomicInteger();
    private final RevocationRegistry registry = new RevocationRegistry();
    private final CredentialExchanger exchanger =
            new CredentialExchanger(countingIdentity(), Duration.ZERO, 100, Duration.ofSeconds(5));
    private final RevocationListener listener = new RevocationListener(
            () -> {
                throw new UnsupportedOperationException("not started in this test");
            },
            "stoa.sessions.v1",
            Duration.ofMinutes(20),
            registry,
            exchanger);

    @Test
    void revokesTheSessionAndEvictsTheCachedExchange() {
        exchanger.exchange(new Credential.ApiKey(SECRET)).block();

        listener.handle(record("stoa.events.v1.CredentialRevoked", event("key_9", CredentialExchanger.hash(SECRET))));
        exchanger.exchange(new Credential.ApiKey(SECRET)).block();

        assertThat(registry.isRevoked("key_9")).isTrue();
        assertThat(exchanges).hasValue(2);
    }

    @Test
    void ignoresOtherEventTypesAndUnreadableRecords() {
        listener.handle(record("stoa.events.v1.SessionStarted", event("ses_other", "")));
        listener.handle(record("stoa.events.v1.CredentialRevoked", "not protobuf".getBytes(StandardCharsets.UTF_8)));

        assertThat(registry.isRevoked("ses_other")).isFalse();
    }

    @Test
    void skipsRevocationsWhoseTokensHaveAlreadyExpired() {
        CredentialRevoked stale = CredentialRevoked.newBuilder()
                .setSessionId("ses_stale")
                .setForgetAfter(Timestamp.newBuilder()
                        .setSeconds(Instant.now().minusSeconds(5).getEpochSecond()))
                .build();

        listener.handle(record("stoa.events.v1.CredentialRevoked", stale.toByteArray()));

        assertThat(registry.isRevoked("ses_stale")).isFalse();
        assertThat(registry.isRevoked("ses_unknown")).isFalse();
    }

    private static byte[] event(String sessionId, String credentialHash) {
        Instant now = Instant.now();
        return CredentialRevoked.newBuilder()
                .setOrgId("org_1")
                .setSessionId(sessionId)
                .setKind("api_key")
                .setCredentialHash(credentialHash)
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setForgetAfter(
                        Timestamp.newBuilder().setSeconds(now.plusSeconds(300).getEpochSecond()))
                .build()
                .toByteArray();
    }

    private static ConsumerRecord<String, byte[]> record(String type, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("stoa.sessions.v1", 0, 0L, "org_1", value);
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private IdentityClient countingIdentity() {
        return new IdentityClient() {
            @Override
            public Mono<PlatformToken> exchangeApiKey(String apiKey) {
                return Mono.fromSupplier(() -> {
                    exchanges.incrementAndGet();
                    return token();
                });
            }

            private PlatformToken token() {
                Instant expires = Instant.now().plusSeconds(300);
                return PlatformToken.newBuilder()
                        .setAccessToken("token")
                        .setExpiresAt(Timestamp.newBuilder().setSeconds(expires.getEpochSecond()))
                        .setTokenType("api_key")
                        .setSubject("key_9")
                        .setSessionId("key_9")
                        .build();
            }

            @Override
            public Mono<PlatformToken> exchangeSdkSecret(String sdkSecret) {
                return Mono.error(new UnsupportedOperationException());
            }
        };
    }
}
