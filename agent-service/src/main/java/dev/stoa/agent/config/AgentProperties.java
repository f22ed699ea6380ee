package dev.stoa.agent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of agent-service ({@code stoa.agent.*}).
 *
 * @param providers how BYOK providers may be reached
 */
@ConfigurationProperties("stoa.agent")
public record AgentProperties(@DefaultValue Providers providers) {

    /**
     * {@code stoa.agent.providers.*}.
     *
     * @param allowPrivateNetworks whether base URLs may point at loopback or private addresses (local models such
     *     as Ollama); cloud metadata addresses are refused regardless
     */
    public record Providers(@DefaultValue("false") boolean allowPrivateNetworks) {}
}
