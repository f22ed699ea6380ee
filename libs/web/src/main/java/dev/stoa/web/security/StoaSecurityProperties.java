package dev.stoa.web.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service validates platform tokens ({@code stoa.security.*}).
 *
 * @param jwksUri identity-service's JWKS endpoint; required unless the service supplies its own JwtDecoder
 * @param issuer the expected {@code iss} claim
 * @param publicPaths path patterns served without a token, in addition to health, metrics and API docs; an entry
 *     {@code "METHOD /path"} opens that method only
 */
@ConfigurationProperties("stoa.security")
public record StoaSecurityProperties(
        @Nullable String jwksUri,
        @DefaultValue("stoa") String issuer,
        @DefaultValue List<String> publicPaths) {

    /** Paths every service serves without a token. */
    public static final List<String> ALWAYS_PUBLIC = List.of(
            "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");

    public StoaSecurityProperties {
        publicPaths = List.copyOf(publicPaths);
    }
}
