package dev.stoa.tools.config;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.tools.domain.McpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** External MCP servers as tool sources: the outbound policy their URLs (and OAuth token URLs) are held to. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpConfig.McpProperties.class)
public class McpConfig {
    private static final Logger log = LoggerFactory.getLogger(McpConfig.class);

    /**
     * {@code stoa.tools.mcp.*}: which addresses an MCP server's URL may point at besides public ones (cloud metadata
     * services never). The resync interval is {@code stoa.tools.mcp.resync-interval-ms} (default 60000).
     */
    @ConfigurationProperties("stoa.tools.mcp")
    public record McpProperties(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue("60000") long resyncIntervalMs) {}

    @Bean
    McpSettings mcpSettings(McpProperties properties) {
        OutboundPolicy policy = new OutboundPolicy(properties.allowLoopback(), properties.allowPrivateNetworks());
        log.info("MCP servers may be reached at {}", policy.describe());
        return new McpSettings(policy);
    }
}
