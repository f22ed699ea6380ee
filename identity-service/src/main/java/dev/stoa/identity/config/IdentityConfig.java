package dev.stoa.identity.config;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.TokenType;
import dev.stoa.identity.domain.BuiltinPasswordAuthority;
import dev.stoa.identity.domain.DisabledExternalTokenVerifier;
import dev.stoa.identity.domain.SigningKeyService;
import dev.stoa.identity.domain.port.CredentialLookups;
import dev.stoa.identity.domain.port.ExternalTokenVerifier;
import dev.stoa.identity.domain.port.PasswordAuthority;
import dev.stoa.web.security.TokenRevocationCheck;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Wiring of the token issuer: clock, password hashing, and validation of identity's own tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
@EnableScheduling
public final class IdentityConfig {

    /** Builtin mode: the passwords are in identity's own database, so the identity provider is as ready as it. */
    @Bean
    @ConditionalOnProperty(name = "stoa.identity.mode", havingValue = "builtin", matchIfMissing = true)
    IdentityProviderHealth identityProviderHealthIndicator() {
        return new IdentityProviderHealth(() -> true, "builtin");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Argon2id (OWASP's first choice) at OWASP's floor: 19 MiB, 2 iterations, 1 lane (16-byte salt, 32-byte hash).
     * Hashes made with weaker parameters are replaced at the next login ({@code PasswordAuthority#upgradedHash}).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, ARGON2_PARALLELISM, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
    }

    static final int ARGON2_MEMORY_KIB = 19 * 1024;
    static final int ARGON2_ITERATIONS = 2;
    static final int ARGON2_PARALLELISM = 1;

    /** Builtin mode: passwords are Argon2id hashes in identity's own database. */
    @Bean
    @ConditionalOnProperty(name = "stoa.identity.mode", havingValue = "builtin", matchIfMissing = true)
    PasswordAuthority builtinPasswordAuthority(PasswordEncoder passwords) {
        return new BuiltinPasswordAuthority(passwords);
    }

    /** Builtin mode: no external tokens are exchanged (see {@code keycloak.KeycloakConfig} for Keycloak mode). */
    @Bean
    @ConditionalOnProperty(name = "stoa.identity.mode", havingValue = "builtin", matchIfMissing = true)
    ExternalTokenVerifier disabledExternalTokenVerifier() {
        return new DisabledExternalTokenVerifier();
    }

    /** identity validates tokens against its own live keys directly, instead of fetching its own JWKS over HTTP. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeyService keys, IdentityProperties properties) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicKeys());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {}); // Spring's validators below check the claims
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(PlatformClaims.validator(properties.issuer()));
        return decoder;
    }

    /** Refuses tokens whose session, API key or SDK connection was revoked, at once (the gateway: within 5 s). */
    @Bean
    TokenRevocationCheck tokenRevocationCheck(CredentialLookups lookups) {
        return principal ->
                principal.tokenType() != TokenType.SERVICE && lookups.isCredentialRevoked(principal.sessionId());
    }
}
