package dev.stoa.identity.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the token issuer and its credentials ({@code stoa.identity.*}).
 *
 * @param serviceClients service credentials (client id to secret) that may obtain service tokens
 */
@ConfigurationProperties("stoa.identity")
public record IdentityProperties(
        @DefaultValue("builtin") String mode,
        @DefaultValue("stoa") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("5m") Duration exchangedTokenTtl,
        @DefaultValue("15m") Duration serviceTokenTtl,
        @DefaultValue("7d") Duration inviteTtl,
        @DefaultValue Map<String, String> serviceClients,
        @DefaultValue Login login,
        @DefaultValue SigningKeys signingKeys) {

    /** Login throttling: after {@code maxFailures} within {@code window}, the email is locked for {@code lockout}. */
    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockout) {}

    /** Signing-key rotation: a new key every {@code rotationPeriod}; old keys stay in the JWKS while tokens live. */
    public record SigningKeys(
            @DefaultValue("30d") Duration rotationPeriod,
            @DefaultValue("1h") Duration checkInterval) {}
}
