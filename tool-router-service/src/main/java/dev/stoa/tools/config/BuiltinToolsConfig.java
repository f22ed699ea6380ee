package dev.stoa.tools.config;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.tools.builtin.HttpFetchTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in tools, and the outbound policy {@code http_fetch} calls URLs under. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BuiltinToolsConfig.HttpFetchProperties.class)
public class BuiltinToolsConfig {
    private static final Logger log = LoggerFactory.getLogger(BuiltinToolsConfig.class);

    /**
     * {@code stoa.tools.builtins.http-fetch.*}: which addresses {@code http_fetch} may reach besides public ones (cloud
     * metadata services never).
     */
    @ConfigurationProperties("stoa.tools.builtins.http-fetch")
    public record HttpFetchProperties(
            @DefaultValue("false") boolean allowLoopback,
            @DefaultValue("false") boolean allowPrivateNetworks) {}

    @Bean
    HttpFetchTool httpFetchTool(HttpFetchProperties properties) {
        OutboundPolicy policy = new OutboundPolicy(properties.allowLoopback(), properties.allowPrivateNetworks());
        log.info("built-in tool {} reaches {}", HttpFetchTool.NAME, policy.describe());
        return new HttpFetchTool(policy);
    }
}
