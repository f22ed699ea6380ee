package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AgentChanged;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@AgentServiceTest
class AgentEventsIT {
    private final AgentApi api;

    AgentEventsIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void agentProviderAndTierChangesReachKafkaThroughTheOutbox() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        String tier = api.post(
                        "/api/v1/tiers",
                        org.admin(),
                        Map.of("name", "fast", "targets", List.of(Map.of("provider_id", provider, "model", "m"))))
                .id();
        String agent = api.createAgent(org, Map.of("name", "evented", "model", Map.of("tier", "fast")))
                .path("id")
                .asString();
        api.patch("/api/v1/agents/" + agent, org.member(), Map.of("name", "renamed"));
        api.post("/api/v1/agents/" + agent + "/pause", org.member(), null);

        List<AgentChanged> changes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.AGENTS));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (org.id().equals(record.key())) {
                        ReceivedEvent event = ReceivedEvent.from(record);
                        assertThat(event.type()).startsWith("dev.stoa.agent.");
                        changes.add(event.payload(AgentChanged.parser()));
                    }
                }
                assertThat(changes.stream().map(AgentChanged::getChange))
                        .containsExactly("provider_changed", "tier_changed", "created", "updated", "paused");
            });
        }
        assertThat(changes.get(0).getSubjectId()).isEqualTo(provider);
        assertThat(changes.get(1).getSubjectId()).isEqualTo(tier);
        assertThat(changes.get(3).getAgentId()).isEqualTo(agent);
        assertThat(changes.get(3).getVersion()).isEqualTo(2);
        assertThat(changes).allSatisfy(c -> assertThat(c.getOrgId()).isEqualTo(org.id()));
    }

    static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "agent-events-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
