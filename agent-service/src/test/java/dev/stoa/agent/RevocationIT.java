package dev.stoa.agent;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Reached directly (not through the gateway), agent-service refuses a logged-out session over REST and gRPC within
 * five seconds of identity's revocation event: the shared registry of stoa-revocation.
 */
@AgentServiceTest
class RevocationIT {
    private final AgentApi api;
    private final ManagedChannel channel;

    RevocationIT(AgentApi api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void aRevokedSessionIsRefusedOverRestAndGrpcWithinFiveSeconds() throws Exception {
        TestOrg org = TestOrg.create();
        Principal user = Principals.user(org.id(), Ids.generate("usr"), Role.ADMIN);
        String token = PlatformIssuerExtension.issuer().issue(user, Duration.ofMinutes(30));
        String bystander = org.admin();
        assertThat(api.get("/api/v1/agents", token).status()).isEqualTo(200);
        assertThat(grpcCode(token)).isNotEqualTo("token_revoked");

        publishRevocation(user);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    var refused = api.get("/api/v1/agents", token);
                    assertThat(refused.status()).isEqualTo(401);
                    assertThat(refused.json().path("code").asString()).isEqualTo("token_revoked");
                });
        assertThat(grpcCode(token)).isEqualTo("token_revoked");
        // only that session is shut out
        assertThat(api.get("/api/v1/agents", bystander).status()).isEqualTo(200);
    }

    /** The Stoa error code of a gRPC call with {@code token} (the method itself is for services only). */
    private String grpcCode(String token) {
        var stub = AgentRuntimeServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> stub.recordUsage(UsageAndRuntimeClientIT.request("org_x", "agt_x", 1, 1)));
        assertThat(failure).isInstanceOf(StatusRuntimeException.class);
        StatusRuntimeException e = (StatusRuntimeException) failure;
        if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
            return GrpcErrors.toStoaException(e).code();
        }
        return e.getStatus().getCode().name();
    }

    private static void publishRevocation(Principal user) throws Exception {
        Instant now = Instant.now();
        CredentialRevoked event = CredentialRevoked.newBuilder()
                .setOrgId(user.orgId())
                .setSessionId(user.sessionId())
                .setKind("session")
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setForgetAfter(
                        Timestamp.newBuilder().setSeconds(now.plusSeconds(900).getEpochSecond()))
                .build();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>("stoa.sessions.v1", user.orgId(), event.toByteArray());
        record.headers()
                .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_type", "stoa.events.v1.CredentialRevoked".getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "//identity-service".getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
