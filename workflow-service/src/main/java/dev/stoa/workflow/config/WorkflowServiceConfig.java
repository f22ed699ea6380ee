package dev.stoa.workflow.config;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.providers.VettedHttp;
import dev.stoa.workflow.domain.StepEngine;
import dev.stoa.workflow.domain.port.RunEvents;
import dev.stoa.workflow.domain.port.RunRepository;
import dev.stoa.workflow.domain.port.StepCalls;
import dev.stoa.workflow.domain.port.Transactions;
import dev.stoa.workflow.domain.port.WorkflowRepository;
import dev.stoa.workflow.engine.DbSchedulerStepQueue;
import dev.stoa.workflow.peers.GrpcStepCalls;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Wiring of workflow-service: the clock, the peers of steps, the db-scheduler queue and the step engine. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkflowProperties.class)
public class WorkflowServiceConfig {

    /** Microsecond ticks: what PostgreSQL stores, so a response and a later read show the same instant. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** Steps call chat and the tool router as workflow (service token) for the run's org. */
    @Bean
    StepCalls stepCalls(GrpcChannelFactory channels, WorkflowProperties properties) {
        OutboundPolicy policy = new OutboundPolicy(
                properties.http().allowLoopback(), properties.http().allowPrivateNetworks());
        return new GrpcStepCalls(
                ChatServiceGrpc.newBlockingStub(channels.createChannel("chat"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                ToolRouterServiceGrpc.newBlockingStub(channels.createChannel("tool-router"))
                        .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                VettedHttp.client(
                        policy,
                        new VettedHttp.Timeouts(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(60),
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(5))),
                policy);
    }

    @Bean
    DbSchedulerStepQueue stepQueue(
            DataSource dataSource, WorkflowProperties properties, ObjectProvider<StepEngine> engine) {
        WorkflowProperties.Engine e = properties.engine();
        return new DbSchedulerStepQueue(
                dataSource,
                new DbSchedulerStepQueue.EngineSettings(
                        e.threads(),
                        e.pollingInterval(),
                        e.heartbeatInterval(),
                        e.missedHeartbeatsLimit(),
                        e.shutdownMaxWait()),
                engine);
    }

    @Bean
    StepEngine stepEngine(
            WorkflowRepository workflows,
            RunRepository runs,
            Transactions tx,
            DbSchedulerStepQueue queue,
            StepCalls calls,
            RunEvents events,
            Clock clock) {
        return new StepEngine(workflows, runs, tx, queue, calls, events, clock);
    }
}
