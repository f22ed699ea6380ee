package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.proto.identity.v1.PlatformToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A revoked API key's cached exchange is dropped, so its next use asks identity again. */
class ExchangeEvictionTest {
    private static final String SECRET = "stoa_sk_revoked_key";

    private final AtomicInteger exchanges = new AtomicInteger();
    private final CredentialExchanger exchanger =
            new CredentialExchanger(countingIdentity(), Duration.ZERO, 100, Duration.ofSeconds(5));
    private final ExchangeEviction eviction = new ExchangeEviction(exchanger);

    @Test
    void evictsTheCachedExchangeOfARevokedKeyOnly() throws Exception {
        exchanger.exchange(new Credential.ApiKey(SECRET)).block();
        exchanger.exchange(new Credential.ApiKey(SECRET)).block();
        assertThat(exchanges).as("cached").hasValue(1);

        eviction.accept(CredentialRevoked.parseFrom(event("ses_1", "")));
        exchanger.exchange(new Credential.ApiKey(SECRET)).block();
        assertThat(exchanges).as("a session's revocation evicts nothing").hasValue(1);

        eviction.accept(CredentialRevoked.parseFrom(event("key_9", CredentialExchanger.hash(SECRET))));
        exchanger.exchange(new Credential.ApiKey(SECRET)).block();
        assertThat(exchanges).hasValue(2);
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
