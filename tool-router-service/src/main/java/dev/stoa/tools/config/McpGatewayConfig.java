package dev.stoa.tools.config;

import dev.stoa.grpc.client.StoaCallOptions;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.tools.api.mcp.McpGatewayServlet;
import dev.stoa.tools.domain.port.ChatTurns;
import dev.stoa.tools.peers.GrpcChatTurns;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
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

    /** Exposed agents' turns: chat-service's gRPC ({@code chat} channel) with tool-router's service credential. */
    @Bean
    ChatTurns chatTurns(GrpcChannelFactory channels) {
        return new GrpcChatTurns(ChatServiceGrpc.newBlockingStub(channels.createChannel("chat"))
                .withOption(StoaCallOptions.SERVICE_TOKEN_ONLY, true));
    }

    @Bean
    static WebSecurityCustomizer mcpGatewayOutsideRestSecurity() {
        return web -> web.ignoring().requestMatchers("/mcp/**");
    }
}
