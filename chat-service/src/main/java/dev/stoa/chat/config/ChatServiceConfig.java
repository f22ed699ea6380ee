package dev.stoa.chat.config;

import dev.stoa.agentclient.AgentRuntimeClient;
import dev.stoa.chat.agent.GrpcAgentRuntimes;
import dev.stoa.chat.domain.ChatService;
import dev.stoa.chat.domain.ConversationService;
import dev.stoa.chat.domain.InvokeService;
import dev.stoa.chat.domain.TurnEngine;
import dev.stoa.chat.domain.TurnHub;
import dev.stoa.chat.domain.TurnSafety;
import dev.stoa.chat.domain.port.AgentRuntimes;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.chat.domain.port.ModelGateway;
import dev.stoa.chat.domain.port.SafetyPolicies;
import dev.stoa.chat.domain.port.SpendLedger;
import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.chat.provider.ProviderLayerModels;
import dev.stoa.chat.safety.GrpcSafetyPolicies;
import dev.stoa.chat.spend.GrpcSpendLedger;
import dev.stoa.chat.tools.GrpcToolGateway;
import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.memoryclient.MemoryRecall;
import dev.stoa.memoryclient.MemoryRecallClient;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SpendGrpc;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safetyclient.SafetyPolicyClient;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Wiring of chat-service: the clock, agent-service and tool-router clients, the provider layer and the use cases. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
public class ChatServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    AgentRuntimeClient agentRuntimeClient(GrpcChannelFactory channels, ChatProperties properties) {
        // Runtime configs hold decrypted provider keys: agent-service answers service tokens only, never the
        // caller's, even when the call is made while serving the caller's request.
        return new AgentRuntimeClient(
                AgentRuntimeServiceGrpc.newBlockingStub(channels.createChannel("agent"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                properties.runtimeCacheTtl(),
                10_000);
    }

    @Bean
    AgentRuntimes agentRuntimes(AgentRuntimeClient client, GrpcChannelFactory channels) {
        return new GrpcAgentRuntimes(
                client,
                AgentRuntimeServiceGrpc.newBlockingStub(channels.createChannel("agent"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true));
    }

    /** monitoring-service's ledger; answers are kept 5 s per agent, a call waits 1 s at most. */
    @Bean
    SpendLedger spendLedger(GrpcChannelFactory channels, MeterRegistry meters) {
        return new GrpcSpendLedger(
                SpendGrpc.newBlockingStub(channels.createChannel("monitoring"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                meters);
    }

    /** monitoring-service's safety policies; kept {@code stoa.chat.safety-policy-ttl} per agent, 1 s per call at most. */
    @Bean
    SafetyPolicies safetyPolicies(GrpcChannelFactory channels, ChatProperties properties, MeterRegistry meters) {
        return new GrpcSafetyPolicies(new SafetyPolicyClient(
                SafetyPoliciesGrpc.newBlockingStub(channels.createChannel("monitoring"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                Duration.ofSeconds(1),
                properties.safetyPolicyTtl(),
                meters));
    }

    /**
     * memory-service's recall, before every turn: {@code stoa.chat.memory-recall-deadline} at most, no memory when it
     * cannot answer (a platform without memory-service runs turns all the same).
     */
    @Bean
    MemoryRecall memoryRecall(GrpcChannelFactory channels, ChatProperties properties, MeterRegistry meters) {
        ManagedChannel channel = channels.createChannel("memory");
        // Connect now, not in the first recall's deadline (a channel connects lazily).
        channel.getState(true);
        return new MemoryRecallClient(
                MemoryGrpc.newBlockingStub(channel).withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                properties.memoryRecallDeadline(),
                meters);
    }

    @Bean
    TurnSafety turnSafety(SafetyPolicies policies) {
        return new TurnSafety(policies, SafetyScanner.standard());
    }

    @Bean
    ModelGateway modelGateway(ChatProperties properties) {
        return new ProviderLayerModels(properties.providers().outbound());
    }

    @Bean
    ToolGateway toolGateway(GrpcChannelFactory channels, ChatProperties properties) {
        return new GrpcToolGateway(
                channels.createChannel("tool-router"), Duration.ofSeconds(5), properties.toolTimeout());
    }

    /**
     * Fetches chat's service token and opens the agent-service channel once the service is up, so the first chat
     * does not pay for both inside its deadline.
     */
    @Bean
    org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent>
            warmUp(org.springframework.beans.factory.ObjectProvider<dev.stoa.grpc.client.ServiceTokenProvider> tokens) {
        return event -> Thread.ofVirtual().name("chat-warm-up").start(() -> {
            try {
                dev.stoa.grpc.client.ServiceTokenProvider provider = tokens.getIfAvailable();
                if (provider != null) {
                    provider.token();
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ChatServiceConfig.class)
                        .info("service token not fetched yet: {}", e.getMessage());
            }
        });
    }

    @Bean
    TurnHub turnHub() {
        return new TurnHub();
    }

    @Bean
    TurnEngine turnEngine(
            ConversationRepository repository,
            ModelGateway models,
            ToolGateway tools,
            ChatEvents events,
            AgentRuntimes runtimes,
            TurnHub hub,
            TurnSafety safety,
            MemoryRecall memory,
            Clock clock,
            ChatProperties properties) {
        return new TurnEngine(repository, models, tools, events, runtimes, hub, safety, memory, clock, properties);
    }

    @Bean
    ChatService chatService(
            ConversationRepository repository,
            AgentRuntimes runtimes,
            SpendLedger ledger,
            TurnEngine engine,
            TurnHub hub,
            TurnSafety safety,
            ChatEvents events,
            Clock clock) {
        return new ChatService(repository, runtimes, ledger, engine, hub, safety, events, clock);
    }

    @Bean
    InvokeService invokeService(ChatService chat, AgentRuntimes runtimes) {
        return new InvokeService(chat, runtimes);
    }

    @Bean
    ConversationService conversationService(
            ConversationRepository repository, ChatEvents events, TurnHub hub, Clock clock) {
        return new ConversationService(repository, events, hub, clock);
    }
}
