package dev.stoa.memory.config;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.memory.agent.GrpcAgents;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Wiring of memory-service: the clock, the sentence model, and agent-service with the provider layer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MemoryProperties.class)
public class MemoryServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    SentenceEmbeddings sentenceEmbeddings() {
        return new SentenceEmbeddings();
    }

    @Bean
    GrpcAgents agents(GrpcChannelFactory channels, MemoryProperties properties) {
        return new GrpcAgents(
                AgentRuntimeServiceGrpc.newBlockingStub(channels.createChannel("agent")),
                new OutboundPolicy(
                        properties.providers().allowLoopback(),
                        properties.providers().allowPrivateNetworks()));
    }
}
