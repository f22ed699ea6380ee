package dev.stoa.eval.config;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.eval.domain.RunExecutor;
import dev.stoa.eval.domain.RunWorker;
import dev.stoa.eval.domain.port.AgentRouting;
import dev.stoa.eval.domain.port.AgentVersions;
import dev.stoa.eval.domain.port.ChatTurns;
import dev.stoa.eval.domain.port.JudgeModels;
import dev.stoa.eval.domain.port.RunRepository;
import dev.stoa.eval.events.OutboxJudgeSpend;
import dev.stoa.eval.peers.GrpcAgentRouting;
import dev.stoa.eval.peers.GrpcAgentVersions;
import dev.stoa.eval.peers.GrpcChatTurns;
import dev.stoa.eval.peers.ProviderJudgeModels;
import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.providers.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring of eval-service: the clock, the embedding model, chat and agent clients and the run worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvalProperties.class)
@EnableScheduling
public class EvalServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** Loaded on first use: only semantic-similarity scorers pay for the model. */
    @Bean
    SentenceEmbeddings sentenceEmbeddings() {
        return new SentenceEmbeddings();
    }

    /** Turns run as eval (service token) for the run's org: the run was authorised when it was created. */
    @Bean
    ChatTurns chatTurns(GrpcChannelFactory channels, EvalProperties properties) {
        return new GrpcChatTurns(
                ChatServiceGrpc.newBlockingStub(channels.createChannel("chat"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                properties.turnTimeout());
    }

    /** Runtime configs hold decrypted provider keys: agent-service answers service tokens only. */
    @Bean
    AgentVersions agentVersions(GrpcChannelFactory channels) {
        return new GrpcAgentVersions(AgentRuntimeServiceGrpc.newBlockingStub(channels.createChannel("agent"))
                .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true));
    }

    /** A/B tests set and clear the canary and promote versions for their user, with eval's service token. */
    @Bean
    AgentRouting agentRouting(GrpcChannelFactory channels) {
        return new GrpcAgentRouting(AgentRuntimeServiceGrpc.newBlockingStub(channels.createChannel("agent"))
                .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true));
    }

    /** Judge calls go to the org's providers (public addresses only, unless the embedded platform allows loopback). */
    @Bean
    JudgeModels judgeModels(
            GrpcChannelFactory channels, EvalProperties properties, OutboxJudgeSpend spend, Clock clock) {
        return new ProviderJudgeModels(
                AgentRuntimeServiceGrpc.newBlockingStub(channels.createChannel("agent"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                ProviderSettings.defaults()
                        .withOutbound(new OutboundPolicy(
                                properties.providers().allowLoopback(),
                                properties.providers().allowPrivateNetworks())),
                spend,
                clock);
    }

    @Bean
    RunWorker runWorker(RunRepository runs, RunExecutor executor, EvalProperties properties) {
        return new RunWorker(runs, executor, properties.pollInterval(), properties.lease());
    }
}
