package dev.stoa.identity.keycloak;

import dev.stoa.identity.config.IdentityProperties;
import dev.stoa.identity.config.IdentityProviderHealth;
import dev.stoa.identity.domain.port.ExternalTokenVerifier;
import dev.stoa.identity.domain.port.PasswordAuthority;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keycloak mode ({@code stoa.identity.mode: keycloak}); the realm is checked at start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stoa.identity.mode", havingValue = "keycloak")
public final class KeycloakConfig {
    private static final Logger log = LoggerFactory.getLogger(KeycloakConfig.class);

    @Bean
    KeycloakClient keycloakClient(IdentityProperties properties, Clock clock) {
        KeycloakClient client = new KeycloakClient(properties.keycloak(), clock);
        try {
            client.checkRealm(); // refuse to start against a missing or misconfigured realm
        } catch (KeycloakClient.KeycloakUnreachableException e) {
            // An outage, not a mistake: start, report not-ready (IdentityProviderHealth) and recover when it returns.
            log.warn("{}; identity reports not-ready until Keycloak answers", e.getMessage());
        }
        return client;
    }

    @Bean
    IdentityProviderHealth identityProviderHealthIndicator(KeycloakClient keycloak) {
        return new IdentityProviderHealth(keycloak::realmReachable, "keycloak");
    }

    @Bean
    PasswordAuthority keycloakPasswordAuthority(KeycloakClient keycloak) {
        return new KeycloakPasswordAuthority(keycloak);
    }

    @Bean
    ExternalTokenVerifier keycloakTokenVerifier(IdentityProperties properties) {
        return new KeycloakTokenVerifier(properties.keycloak());
    }
}
