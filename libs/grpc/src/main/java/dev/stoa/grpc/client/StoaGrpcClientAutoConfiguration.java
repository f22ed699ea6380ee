package dev.stoa.grpc.client;

import dev.stoa.grpc.StoaGrpcProperties;
import io.grpc.Channel;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.util.function.SingletonSupplier;

/** Client side of Stoa's gRPC conventions: token propagation, service tokens and default deadlines. */
@AutoConfiguration
@ConditionalOnClass(GrpcChannelFactory.class)
@EnableConfigurationProperties(StoaGrpcProperties.class)
public final class StoaGrpcClientAutoConfiguration {

    @Bean
    @GlobalClientInterceptor
    StoaClientInterceptor stoaClientInterceptor(
            ObjectProvider<ServiceTokenProvider> serviceTokens, StoaGrpcProperties properties) {
        return new StoaClientInterceptor(
                serviceTokens::getIfAvailable, properties.client().defaultDeadline());
    }

    @Bean
    @ConditionalOnMissingBean(ServiceTokenProvider.class)
    @ConditionalOnProperty("stoa.grpc.service-credential.client-id")
    IdentityServiceTokenProvider identityServiceTokenProvider(
            ObjectProvider<GrpcChannelFactory> channels, StoaGrpcProperties properties, ObjectProvider<Clock> clock) {
        StoaGrpcProperties.ServiceCredential credential = properties.serviceCredential();
        if (credential.clientId() == null || credential.clientSecret() == null) {
            throw new IllegalStateException(
                    "stoa.grpc.service-credential.client-id and client-secret must both be set");
        }
        // Created on first use: the channel factory needs the whole client configuration.
        SingletonSupplier<Channel> channel =
                SingletonSupplier.of(() -> channels.getObject().createChannel(credential.channel()));
        return new IdentityServiceTokenProvider(
                channel, credential.clientId(), credential.clientSecret(), clock.getIfAvailable(Clock::systemUTC));
    }
}
