package dev.stoa.gateway.config;

import dev.stoa.gateway.auth.AuthenticationFilter;
import dev.stoa.gateway.auth.Authenticator;
import dev.stoa.gateway.auth.CredentialExchanger;
import dev.stoa.gateway.auth.ExchangeGuard;
import dev.stoa.gateway.auth.GrpcIdentityClient;
import dev.stoa.gateway.auth.IdentityClient;
import dev.stoa.gateway.auth.PlatformTokenVerifier;
import dev.stoa.gateway.auth.RequestMatcher;
import dev.stoa.gateway.auth.RevocationListener;
import dev.stoa.gateway.auth.RevocationRegistry;
import dev.stoa.gateway.auth.ScopeFilter;
import dev.stoa.gateway.ratelimit.ClientIpResolver;
import dev.stoa.gateway.ratelimit.RateLimiter;
import dev.stoa.gateway.routing.RouteTable;
import dev.stoa.grpc.client.ServiceTokenProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/** Authentication: token verification, credential exchange with identity, revocations, scopes. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);
    /** The gRPC channel name; its target is {@code spring.grpc.client.channel.identity.target}. */
    static final String IDENTITY_CHANNEL = "identity";

    @Bean
    RevocationRegistry revocationRegistry() {
        return new RevocationRegistry();
    }

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

    @Bean
    @ConditionalOnProperty(name = "stoa.gateway.auth.revocation-enabled", matchIfMissing = true)
    RevocationListener revocationListener(
            KafkaProperties kafka,
            GatewayProperties properties,
            RevocationRegistry revocations,
            CredentialExchanger exchanger) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // no group: every instance reads every partition, and nothing is committed
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a Kafka outage should cost a warning now and then, not a log line a second
        config.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stoa-gateway-revocations-" + UUID.randomUUID());
        GatewayProperties.Auth auth = properties.auth();
        return new RevocationListener(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                auth.revocationTopic(),
                auth.revocationLookback(),
                revocations,
                exchanger);
    }
}
