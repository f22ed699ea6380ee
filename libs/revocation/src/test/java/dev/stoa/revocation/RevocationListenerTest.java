package dev.stoa.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.proto.events.v1.CredentialRevoked;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** How one {@code stoa.sessions.v1} record or one rebuild changes what the registry refuses. */
class RevocationListenerTest {
    private final RevocationRegistry registry = new RevocationRegistry();
    private final List<CredentialRevoked> told = new ArrayList<>();
    private final List<CredentialRevoked> identity = new ArrayList<>();
    private int reads;
    private final RevocationListener listener = new RevocationListener(
            () -> {
                throw new UnsupportedOperationException("not started in this test");
            },
            "stoa.sessions.v1",
            Duration.ofMinutes(20),
            registry,
            sink -> {
                reads++;
                identity.forEach(sink);
                return identity.size();
            },
            List.of(told::add),
            Duration.ZERO);

    @Test
    void revokesTheSessionAndTellsTheHooks() {
        listener.handle(
                record("stoa.events.v1.CredentialRevoked", event("key_9", "abc").toByteArray()));

        assertThat(registry.isRevoked("key_9")).isTrue();
        assertThat(registry.isRevoked(principal("key_9"))).isTrue();
        assertThat(registry.isRevoked(principal("key_8"))).isFalse();
        assertThat(told).extracting(CredentialRevoked::getCredentialHash).containsExactly("abc");
    }

    @Test
    void ignoresOtherEventTypesAndUnreadableRecords() {
        listener.handle(
                record("stoa.events.v1.SessionStarted", event("ses_other", "").toByteArray()));
        listener.handle(record("stoa.events.v1.CredentialRevoked", "not protobuf".getBytes(StandardCharsets.UTF_8)));

        assertThat(registry.isRevoked("ses_other")).isFalse();
        assertThat(told).isEmpty();
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

    @Test
    void aRebuildReadsIdentitysWholeListIntoTheRegistryAndTheHooks() {
        identity.add(event("ses_1", ""));
        identity.add(event("key_2", "hash2"));

        assertThat(listener.rebuild()).isTrue();

        assertThat(reads).isEqualTo(1);
        assertThat(registry.isRevoked("ses_1")).isTrue();
        assertThat(registry.isRevoked("key_2")).isTrue();
        assertThat(told).hasSize(2);
        assertThat(listener.lastRebuild()).isNotNull();
    }

    @Test
    void aFailedRebuildIsReportedSoItIsRetried() {
        RevocationListener unreachable = new RevocationListener(
                () -> {
                    throw new UnsupportedOperationException();
                },
                "stoa.sessions.v1",
                Duration.ofMinutes(20),
                registry,
                sink -> {
                    throw new IllegalStateException("identity is down");
                },
                List.of(),
                Duration.ZERO);

        assertThat(unreachable.rebuild()).isFalse();
        assertThat(unreachable.lastRebuild()).isNull();
    }

    private static Principal principal(String sessionId) {
        return new Principal("org_1", "usr_1", "usr_1", Role.MEMBER, Set.of(), TokenType.USER, sessionId);
    }

    static CredentialRevoked event(String sessionId, String credentialHash) {
        Instant now = Instant.now();
        return CredentialRevoked.newBuilder()
                .setOrgId("org_1")
                .setSessionId(sessionId)
                .setKind(credentialHash.isEmpty() ? "session" : "api_key")
                .setCredentialHash(credentialHash)
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setForgetAfter(
                        Timestamp.newBuilder().setSeconds(now.plusSeconds(300).getEpochSecond()))
                .build();
    }

    private static ConsumerRecord<String, byte[]> record(String type, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("stoa.sessions.v1", 0, 0L, "org_1", value);
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
