package dev.stoa.agent.config;

import dev.stoa.common.net.OutboundPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of agent-service ({@code stoa.agent.*}).
 *
 * @param providers how BYOK providers may be reached
 * @param memoryRecallDeadline how long the prompt preview waits for memory-service's recall before it shows no memory
 */
@ConfigurationProperties("stoa.agent")
public record AgentProperties(
        @DefaultValue Providers providers,
        @DefaultValue("300ms") Duration memoryRecallDeadline) {

    /**
     * {@code stoa.agent.providers.*}.
     *
     * @param allowPrivateNetworks whether base URLs may point at loopback or private addresses (local models such
     *     as Ollama); cloud metadata addresses are refused regardless
     * @param allowLoopback whether base URLs may point at this machine's loopback (and no other internal address):
     *     the embedded default, for models served on the developer's machine
     */
    public record Providers(
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue("false") boolean allowLoopback) {

        /** The policy every provider call connects by. */
        public OutboundPolicy outbound() {
            return new OutboundPolicy(allowLoopback, allowPrivateNetworks);
        }
    }
}
