package dev.stoa.chat.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The agent-changes consumer reaches a broker that needs SASL/SCRAM with the settings docker compose passes. */
class AgentChangesFeedTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"stoa-chat\" password=\"not-a-real-password\";";

    @Test
    void theConsumerTakesTheServicesSpringKafkaSettingsSaslIncluded() {
        // Given the environment docker compose sets for chat-service
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "compose-systemEnvironment", // the suffix makes Boot map names as for real env vars
                        Map.of(
                                "SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:9092",
                                "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS,
                                "SPRING_KAFKA_CONSUMER_GROUPID", "chat-service")));
        KafkaProperties kafka = new Binder(ConfigurationPropertySources.get(environment))
                .bind("spring.kafka", KafkaProperties.class)
                .get();

        // When the feed builds its consumer's settings
        Map<String, Object> config = AgentChangesFeed.consumerConfig(kafka);

        // Then the SASL settings and the brokers are there, and the consumer joins no group and commits nothing
        assertThat(config)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("kafka:9092"))
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }
}
