package dev.stoa.grpc.server;

import dev.stoa.common.auth.PlatformJwtDecoders;
import dev.stoa.common.auth.RevocationCheck;
import dev.stoa.grpc.PlatformTokenProperties;
import dev.stoa.grpc.StoaGrpcProperties;
import dev.stoa.grpc.error.StoaGrpcExceptionHandler;
import io.grpc.BindableService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.CompositeGrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Server side of Stoa's gRPC conventions, active when the service serves gRPC (server starter present and a
 * service bean defined): platform-token authentication and the Stoa error mapping on every service.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
            "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration",
            "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerOAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnClass(name = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "spring.grpc.server.enabled", matchIfMissing = true)
@ConditionalOnBean(BindableService.class)
@EnableConfigurationProperties({StoaGrpcProperties.class, PlatformTokenProperties.class})
public final class StoaGrpcServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(PlatformTokenProperties properties) {
        return PlatformJwtDecoders.fromJwks(properties.jwksUri(), properties.issuer());
    }

    @Bean
    @GlobalServerInterceptor
    PlatformTokenServerInterceptor platformTokenServerInterceptor(
            JwtDecoder decoder, StoaGrpcProperties properties, ObjectProvider<RevocationCheck> revocations) {
        return new PlatformTokenServerInterceptor(decoder, properties.publicMethods(), revocations::getIfAvailable);
    }

    /**
     * Replaces Boot's exception interceptor so that the Stoa mapper runs after every other handler (security,
     * {@code @GrpcAdvice}) and answers whatever they leave: nothing reaches the client as UNKNOWN.
     */
    @Bean
    @GlobalServerInterceptor
    @ConditionalOnMissingBean
    GrpcExceptionHandlerInterceptor grpcGlobalExceptionHandlerInterceptor(ObjectProvider<GrpcExceptionHandler> others) {
        List<GrpcExceptionHandler> handlers =
                new ArrayList<>(others.orderedStream().toList());
        handlers.add(new StoaGrpcExceptionHandler());
        return new GrpcExceptionHandlerInterceptor(
                new CompositeGrpcExceptionHandler(handlers.toArray(GrpcExceptionHandler[]::new)));
    }
}
