package dev.stoa.tools;

import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AgentChanged;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An org of a test, tokens of its members and SDK connections, and its agents as agent-service announces them. */
record Org(String id) {

    static Org create() {
        return new Org(Ids.generate("org"));
    }

    String member() {
        return tokens().member();
    }

    String viewer() {
        return tokens().viewer();
    }

    String token(Role role) {
        return tokens().token(role);
    }

    String apiKey(String... scopes) {
        return tokens().apiKey(scopes);
    }

    String sdk(String connectionId) {
        return tokens().sdk(connectionId);
    }

    private TestOrg tokens() {
        return new TestOrg(id);
    }

    /** Publishes "agent created" on stoa.agents.v1 as agent-service's outbox relay does; returns the agent id. */
    String announceAgent() {
        String agentId = Ids.generate("agt");
        publish(agentId, "created");
        return agentId;
    }

    /** Announces an agent and waits until tool-router knows it; returns its id. */
    String readyAgent(TestHttp http) {
        String agentId = announceAgent();
        SdkProtocolIT.awaitAgent(http, this, agentId);
        return agentId;
    }

    void publish(String agentId, String change) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AgentChanged payload = AgentChanged.newBuilder()
                .setOrgId(id)
                .setAgentId(agentId)
                .setVersion(1)
                .setChange(change)
                .setOccurredAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(now.toEpochSecond()))
                .build();
        var event = CloudEventBuilder.v1()
                .withId(Ids.generate("evt"))
                .withType("dev.stoa.agent." + change)
                .withSource(URI.create("/stoa/agent-service"))
                .withSubject(agentId)
                .withTime(now)
                .withDataContentType("application/protobuf")
                .withData(payload.toByteArray())
                .build();
        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(KafkaMessageFactory.<String>createWriter(Topics.AGENTS, id)
                            .writeBinary(event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.AGENTS, e);
        }
    }
}
