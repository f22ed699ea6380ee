package dev.stoa.identity.keycloak;

import dev.stoa.identity.config.IdentityProperties;
import dev.stoa.identity.domain.ExternalTokenVerifier;
import dev.stoa.identity.domain.PasswordAuthority;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keycloak mode ({@code stoa.identity.mode: keycloak}); the realm is checked at start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stoa.identity.mode", havingValue = "keycloak")
public class KeycloakConfig {

    @Bean
    KeycloakClient keycloakClient(IdentityProperties properties, Clock clock) {
        KeycloakClient client = new KeycloakClient(properties.keycloak(), clock);
        client.checkRealm(); // refuse to start against a missing or misconfigured realm
        return client;
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
