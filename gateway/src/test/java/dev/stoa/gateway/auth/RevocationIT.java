package dev.stoa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.gateway.GatewayITSupport;
import dev.stoa.proto.events.v1.CredentialRevoked;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A logout published by identity on Kafka shuts the session's tokens out within five seconds. */
class RevocationIT extends GatewayITSupport {

    @Test
    void refusesARevokedSessionWithinFiveSeconds() throws Exception {
        Principal user = newUser();
        Principal bystander = newUser();
        String authorization = bearer(user);
        get("/api/v1/org", authorization).expectStatus().isOk();
        get("/api/v1/org", bearer(bystander)).expectStatus().isOk();

        publishRevocation(user);

        // The same token on the same endpoint: only the revocation can turn the 200 into a 401.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> get("/api/v1/org", authorization)
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.code")
                        .isEqualTo("invalid_token")
                        .jsonPath("$.detail")
                        .value(detail -> assertThat((String) detail).contains("revoked")));
        // Only that session is shut out.
        get("/api/v1/org", bearer(bystander)).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec get(String path, String authorization) {
        return client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange();
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
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, user.orgId(), event.toByteArray());
        // binary-mode CloudEvent: attributes as ce_ headers, the protobuf message as the value
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "stoa.events.v1.CredentialRevoked");
        header(record, "ce_source", "//identity-service");
        header(record, "ce_time", now.toString());
        header(record, "content-type", "application/protobuf");
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
