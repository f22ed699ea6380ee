package dev.stoa.revocation;

import dev.stoa.common.auth.RevocationCheck;
import dev.stoa.grpc.StoaGrpcProperties;
import dev.stoa.grpc.client.ServiceTokenProvider;
import dev.stoa.proto.events.v1.CredentialRevoked;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Every service and the gateway refuse revoked credentials: a {@link RevocationRegistry} (the {@link RevocationCheck}
 * of the REST resource server and the gRPC token interceptor) kept by a {@link RevocationListener}. Backs off where
 * another check exists (identity-service asks its own database).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "dev.stoa.grpc.client.StoaGrpcClientAutoConfiguration"
        })
@ConditionalOnBooleanProperty(name = "stoa.revocation.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(RevocationCheck.class)
@EnableConfigurationProperties({RevocationProperties.class, StoaGrpcProperties.class})
public final class RevocationAutoConfiguration {

    @Bean
    RevocationRegistry revocationRegistry() {
        return new RevocationRegistry();
    }

    /** identity's records through the service credential's channel; none without a service credential. */
    @Bean
    @ConditionalOnMissingBean
    RevocationListener revocationListener(
            KafkaProperties kafka,
            RevocationProperties properties,
            RevocationRegistry registry,
            ObjectProvider<ServiceTokenProvider> serviceTokens,
            ObjectProvider<GrpcChannelFactory> channels,
            StoaGrpcProperties grpc,
            ObjectProvider<Consumer<CredentialRevoked>> hooks,
            @Value("${spring.application.name:stoa}") String application) {
        RevocationSource source = serviceTokens.getIfAvailable() == null || channels.getIfAvailable() == null
                ? null
                : new IdentityRevocationSource(
                        SingletonSupplier.of(() -> channels.getObject()
                                .createChannel(grpc.serviceCredential().channel())),
                        properties.deadline());
        var config = RevocationListener.consumerConfig(kafka.buildConsumerProperties(), application);
        return new RevocationListener(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                properties.topic(),
                properties.lookback(),
                registry,
                source,
                hooks.orderedStream().toList(),
                properties.startupWait());
    }
}
