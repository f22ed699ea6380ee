package dev.stoa.tools.config;

import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safetyclient.SafetyPolicyClient;
import dev.stoa.tools.safety.MonitoringSafetyPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Inline safety of tool calls: the scanner, and the agents' policies asked of monitoring (channel "monitoring"). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetyConfig.SafetyProperties.class)
public class SafetyConfig {

    /**
     * {@code stoa.tools.safety.*}: how long a policy is used before monitoring is asked again (a change through the
     * safety config API applies within it), and how long a call waits for monitoring's answer.
     */
    @ConfigurationProperties("stoa.tools.safety")
    public record SafetyProperties(
            @DefaultValue("10s") Duration policyTtl,
            @DefaultValue("1s") Duration policyDeadline) {}

    @Bean
    SafetyScanner safetyScanner() {
        return SafetyScanner.standard();
    }

    @Bean
    MonitoringSafetyPolicies safetyPolicies(
            GrpcChannelFactory channels, SafetyProperties properties, MeterRegistry meters) {
        return new MonitoringSafetyPolicies(
                new SafetyPolicyClient(
                        // monitoring answers service tokens only: never the end user's token this call may carry
                        SafetyPoliciesGrpc.newBlockingStub(channels.createChannel("monitoring"))
                                .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true),
                        properties.policyDeadline(),
                        // the adapter keeps policies (and refreshes them in the background): one cache, not two
                        Duration.ZERO,
                        meters),
                properties.policyTtl());
    }
}
