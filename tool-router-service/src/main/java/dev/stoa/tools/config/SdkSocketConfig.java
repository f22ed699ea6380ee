package dev.stoa.tools.config;

import dev.stoa.common.auth.RevocationCheck;
import dev.stoa.tools.api.ws.SdkHandshake;
import dev.stoa.tools.api.ws.SdkSocketHandler;
import dev.stoa.tools.domain.SdkSessions;
import dev.stoa.tools.domain.ToolDispatcher;
import dev.stoa.tools.domain.ToolRegistration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The SDK WebSocket at {@code /ws/sdk}. Its handshake authenticates by itself (SDK tokens only), so the REST security
 * chain, which refuses SDK tokens everywhere, leaves the path alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class SdkSocketConfig implements WebSocketConfigurer {
    public static final String PATH = "/ws/sdk";
    /** A session that sends nothing (not even heartbeats) for this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofMillis(SdkSocketHandler.HEARTBEAT_INTERVAL_MS * 3L);

    private final SdkSocketHandler handler;
    private final SdkHandshake handshake;

    public SdkSocketConfig(
            SdkSessions sessions,
            ToolRegistration registration,
            ToolDispatcher dispatcher,
            MeterRegistry meters,
            JwtDecoder decoder,
            ObjectProvider<RevocationCheck> revocations) {
        this.handler = new SdkSocketHandler(sessions, registration, dispatcher, meters);
        this.handshake = new SdkHandshake(decoder, revocations);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).addInterceptors(handshake);
    }

    @Bean
    static ServletServerContainerFactoryBean sdkSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        // Tomcat allocates this buffer for every socket (two bytes a char): frames are read in parts of it instead.
        container.setMaxTextMessageBufferSize(SdkSocketHandler.READ_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(IDLE_TIMEOUT.toMillis());
        return container;
    }

    @Bean
    static WebSecurityCustomizer sdkSocketOutsideRestSecurity() {
        return web -> web.ignoring().requestMatchers(PATH);
    }
}
