package dev.stoa.gateway.config;

import dev.stoa.gateway.auth.AuthenticationFilter;
import dev.stoa.gateway.auth.Authenticator;
import dev.stoa.gateway.auth.CredentialExchanger;
import dev.stoa.gateway.auth.ExchangeEviction;
import dev.stoa.gateway.auth.ExchangeGuard;
import dev.stoa.gateway.auth.GrpcIdentityClient;
import dev.stoa.gateway.auth.IdentityClient;
import dev.stoa.gateway.auth.PlatformTokenVerifier;
import dev.stoa.gateway.auth.RequestMatcher;
import dev.stoa.gateway.auth.ScopeFilter;
import dev.stoa.gateway.ratelimit.ClientIpResolver;
import dev.stoa.gateway.ratelimit.RateLimiter;
import dev.stoa.gateway.routing.RouteTable;
import dev.stoa.grpc.client.ServiceTokenProvider;
import dev.stoa.revocation.RevocationRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Authentication: token verification, credential exchange with identity, scopes. Revocations come from the shared
 * registry of stoa-revocation ({@code stoa.revocation.*}).
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);
    /** The gRPC channel name; its target is {@code spring.grpc.client.channel.identity.target}. */
    static final String IDENTITY_CHANNEL = "identity";

    @Bean
    PlatformTokenVerifier platformTokenVerifier(GatewayProperties properties) {
        GatewayProperties.Identity identity = properties.identity();
        return new PlatformTokenVerifier(identity.effectiveJwksUri(), identity.issuer(), identity.timeout());
    }

    /**
     * Without a service credential ({@code stoa.grpc.service-credential.*}) the gateway still serves platform
     * tokens; only API keys and SDK secrets then fail, with 503.
     */
    @Bean
    @ConditionalOnMissingBean
    IdentityClient identityClient(
            GrpcChannelFactory channels,
            ObjectProvider<ServiceTokenProvider> serviceTokens,
            GatewayProperties properties) {
        if (serviceTokens.getIfAvailable() == null) {
            log.warn("no stoa.grpc.service-credential configured: API keys and SDK secrets will be refused");
        }
        return new GrpcIdentityClient(
                channels.createChannel(IDENTITY_CHANNEL),
                () -> {
                    ServiceTokenProvider provider = serviceTokens.getIfAvailable();
                    if (provider == null) {
                        throw new IllegalStateException("the gateway has no service credential");
                    }
                    return provider.token();
                },
                properties.identity().timeout());
    }

    @Bean
    CredentialExchanger credentialExchanger(IdentityClient identity, GatewayProperties properties) {
        GatewayProperties.Auth auth = properties.auth();
        // identity's own deadline ends the call first; this bound also covers fetching the service token
        Duration bound = properties.identity().timeout().multipliedBy(2);
        return new CredentialExchanger(identity, auth.exchangeCacheMargin(), auth.exchangeCacheMaxSize(), bound);
    }

    @Bean
    Authenticator authenticator(
            GatewayProperties properties,
            PlatformTokenVerifier verifier,
            CredentialExchanger exchanger,
            RevocationRegistry revocations,
            RateLimiter rateLimiter,
            ClientIpResolver clientIps) {
        return new Authenticator(
                properties.auth(),
                verifier,
                exchanger,
                revocations,
                ExchangeGuard.byClientIp(rateLimiter, clientIps),
                properties.keycloak().issuer());
    }

    @Bean
    AuthenticationFilter authenticationFilter(
            Authenticator authenticator,
            RateLimiter rateLimiter,
            ClientIpResolver clientIps,
            GatewayProperties properties,
            @Value("${management.server.port:-1}") int managementPort) {
        return new AuthenticationFilter(
                authenticator,
                rateLimiter,
                clientIps,
                new RequestMatcher(properties.rateLimit().exemptPaths()),
                managementPort);
    }

    @Bean
    ScopeFilter scopeFilter(RouteTable routes) {
        return new ScopeFilter(routes);
    }

    /** The shared revocation listener (stoa-revocation) tells this of every revocation. */
    @Bean
    ExchangeEviction exchangeEviction(CredentialExchanger exchanger) {
        return new ExchangeEviction(exchanger);
    }
}
