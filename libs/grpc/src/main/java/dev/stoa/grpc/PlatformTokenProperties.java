package dev.stoa.grpc;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform-token settings shared with stoa-web ({@code stoa.security.jwks-uri}, {@code stoa.security.issuer}),
 * bound here too so a gRPC-only service needs no web dependency.
 */
@ConfigurationProperties("stoa.security")
public record PlatformTokenProperties(
        @Nullable String jwksUri, @DefaultValue("stoa") String issuer) {}
