package dev.stoa.agent.config;

import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.memoryclient.MemoryRecall;
import dev.stoa.memoryclient.MemoryRecallClient;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Wiring of agent-service: its properties, the clock every timestamp comes from and memory-service's recall (for the
 * prompt preview).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
public final class AgentServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * memory-service's recall with agent-service's own service token (recall is for platform services), at most
     * {@code stoa.agent.memory-recall-deadline}; a platform without memory-service previews without memory.
     */
    @Bean
    MemoryRecall memoryRecall(GrpcChannelFactory channels, AgentProperties properties, MeterRegistry meters) {
        ManagedChannel channel = channels.createChannel("memory");
        // Connect now, not in the first recall's deadline (a channel connects lazily).
        channel.getState(true);
        return new MemoryRecallClient(
                MemoryGrpc.newBlockingStub(channel).withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                properties.memoryRecallDeadline(),
                meters);
    }
}
