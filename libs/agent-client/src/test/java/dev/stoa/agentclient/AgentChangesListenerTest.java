package dev.stoa.agentclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The listener's consumer keeps the service's own Kafka settings (SASL included) but joins no group. */
class AgentChangesListenerTest {

    @Test
    void keepsTheServicesSecuritySettingsAndJoinsNoGroup() {
        Map<String, Object> service = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "kafka:9092",
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                ConsumerConfig.GROUP_ID_CONFIG,
                "chat-service",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                true);

        Map<String, Object> config = AgentChangesListener.consumerConfig(service);

        assertThat(config)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }
}
