package dev.stoa.tools.config;

import dev.stoa.tools.api.mcp.McpGatewayServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The MCP gateway at {@code /mcp/**}: its own servlet (the SDK's Streamable HTTP transport, asynchronous), outside the
 * REST security chain because it checks its own tokens (personal access tokens, not platform tokens).
 */
@Configuration(proxyBeanMethods = false)
public class McpGatewayConfig {
    static final String PATH = "/mcp/*";

    @Bean
    ServletRegistrationBean<McpGatewayServlet> mcpGatewayRegistration(McpGatewayServlet servlet) {
        ServletRegistrationBean<McpGatewayServlet> registration = new ServletRegistrationBean<>(servlet, PATH);
        registration.setName("mcpGateway");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    static WebSecurityCustomizer mcpGatewayOutsideRestSecurity() {
        return web -> web.ignoring().requestMatchers("/mcp/**");
    }
}
