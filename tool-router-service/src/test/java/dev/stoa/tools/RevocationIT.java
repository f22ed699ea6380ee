package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import dev.stoa.test.service.PlatformIssuerExtension;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reached directly (not through the gateway), tool-router refuses a revoked credential within seconds of identity's
 * revocation event (the shared registry of stoa-revocation): a user's token over gRPC and REST, and an SDK
 * connection's token at the socket, whose open sessions are closed too.
 */
@ToolRouterServiceTest
class RevocationIT {
    @LocalServerPort
    int port;

    @Test
    void aRevokedUserTokenIsRefusedOverGrpcAndRestWithinFiveSeconds(TestHttp http, ManagedChannel channel)
            throws Exception {
        // given a user whose token works, and a bystander of the same org
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        Principal user = Principals.user(org.id(), Ids.generate("usr"), Role.MEMBER);
        String token = PlatformIssuerExtension.issuer().issue(user, Duration.ofMinutes(30));
        String bystander = org.member();
        assertThat(selectTools(channel, token, agentId)).isEqualTo(Status.Code.OK);

        // when identity revokes the user's session
        publishRevocation(user.orgId(), user.sessionId(), "session");

        // then tool-router refuses the token over gRPC (UNAUTHENTICATED, token_revoked) and REST
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> selectTools(channel, token, agentId) == Status.Code.UNAUTHENTICATED);
        StatusRuntimeException refused = (StatusRuntimeException) catchThrowable(() -> stub(channel, token)
                .selectTools(SelectToolsRequest.newBuilder().setAgentId(agentId).build()));
        assertThat(GrpcErrors.toStoaException(refused).code()).isEqualTo("token_revoked");
        TestHttp.Response rest = http.get("/api/v1/agents/" + agentId + "/tools", token);
        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.code()).isEqualTo("token_revoked");
        // only that session is shut out
        assertThat(selectTools(channel, bystander, agentId)).isEqualTo(Status.Code.OK);
    }

    @Test
    void aRevokedSdkConnectionIsRefusedAtTheSocketAndItsOpenSessionsAreClosed() throws Exception {
        // given an SDK connection with a session open
        Org org = Org.create();
        // the registry is keyed by credential id alone: one no other test uses
        String connectionId = Ids.generate("sdk");
        String sdkToken = org.sdk(connectionId);
        SdkSocket open = SdkSocket.hello(port, sdkToken);
        assertThat(open.register("lookup", Map.of("type", "object"), Map.of())
                        .path("status")
                        .asString())
                .isEqualTo("accepted");

        // when identity revokes the connection (its tokens carry the connection id as sid)
        publishRevocation(org.id(), connectionId, "sdk_connection");

        // then the open session is closed and a new socket with the token is refused
        assertThat(open.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(SdkSocket.handshakeStatus(port, sdkToken)).isEqualTo(401);
        // another connection of the org is not affected
        try (SdkSocket other = SdkSocket.hello(port, org.sdk("sdk_other"))) {
            assertThat(other.register("lookup", Map.of("type", "object"), Map.of())
                            .path("status")
                            .asString())
                    .isEqualTo("accepted");
        }
    }

    private static ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub(ManagedChannel channel, String token) {
        return ToolRouterServiceGrpc.newBlockingStub(channel).withInterceptors(GrpcChannelExtension.bearer(token));
    }

    private static Status.Code selectTools(ManagedChannel channel, String token, String agentId) {
        try {
            stub(channel, token)
                    .selectTools(
                            SelectToolsRequest.newBuilder().setAgentId(agentId).build());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    /** What identity publishes on stoa.sessions.v1 when a credential is revoked (binary-mode CloudEvent). */
    private static void publishRevocation(String orgId, String credentialId, String kind) throws Exception {
        Instant now = Instant.now();
        CredentialRevoked event = CredentialRevoked.newBuilder()
                .setOrgId(orgId)
                .setSessionId(credentialId)
                .setKind(kind)
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setForgetAfter(
                        Timestamp.newBuilder().setSeconds(now.plusSeconds(900).getEpochSecond()))
                .build();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("stoa.sessions.v1", orgId, event.toByteArray());
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
