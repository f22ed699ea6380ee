package dev.stoa.events;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/** Outbox, relay and consumer dedupe for services that have a database ({@code DSLContext}). */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
@ConditionalOnBean(DSLContext.class)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox stoaOutbox(Environment environment, ObjectProvider<Clock> clock) {
        return new Outbox(
                environment.getProperty("spring.application.name", "application"),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents stoaProcessedEvents() {
        return new ProcessedEvents();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PlatformTransactionManager.class)
    @ConditionalOnProperty(name = "stoa.events.relay.enabled", matchIfMissing = true)
    OutboxRelay stoaOutboxRelay(
            DSLContext dsl,
            PlatformTransactionManager transactionManager,
            ObjectProvider<KafkaProperties> kafka,
            EventsProperties properties) {
        Map<String, Object> config = new HashMap<>();
        KafkaProperties kafkaProperties = kafka.getIfAvailable();
        if (kafkaProperties != null) {
            config.putAll(kafkaProperties.buildProducerProperties());
        }
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // At-least-once without duplicates from producer retries; per-partition order is kept.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "stoa-outbox-relay");
        // Fail fast while Kafka is down so the relay backs off instead of blocking in send().
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new OutboxRelay(dsl, transactionManager, () -> new KafkaProducer<>(config), properties.relay());
    }
}
