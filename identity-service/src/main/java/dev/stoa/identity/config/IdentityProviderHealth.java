package dev.stoa.identity.config;

import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the identity provider behind logins: always up in builtin mode (passwords live in identity's own
 * database), and up in Keycloak mode only while the realm answers. Part of the readiness group, so an instance
 * whose Keycloak is away is taken out of rotation instead of failing logins, and returns by itself.
 */
public final class IdentityProviderHealth implements HealthIndicator {
    private final BooleanSupplier reachable;
    private final String mode;

    public IdentityProviderHealth(BooleanSupplier reachable, String mode) {
        this.reachable = reachable;
        this.mode = mode;
    }

    @Override
    public Health health() {
        return (reachable.getAsBoolean() ? Health.up() : Health.down())
                .withDetail("mode", mode)
                .build();
    }
}
