package dev.stoa.identity.domain.port;

import java.time.Duration;
import java.util.Map;

/**
 * The settings the identity domain runs by: token lifetimes, service clients, login throttling and key rotation.
 * {@code config.IdentityProperties} implements it from {@code stoa.identity.*}.
 */
public interface IdentitySettings {

    /** The {@code iss} of every platform token. */
    String issuer();

    Duration accessTokenTtl();

    Duration refreshTokenTtl();

    /** Lifetime of a token exchanged for an API key, SDK secret or external token. */
    Duration exchangedTokenTtl();

    Duration serviceTokenTtl();

    Duration inviteTtl();

    /** Service credentials (client id to secret) that may obtain service tokens. */
    Map<String, String> serviceClients();

    Login login();

    SigningKeys signingKeys();

    /** After {@code maxFailures} failed logins within {@code window}, the email is locked for {@code lockout}. */
    interface Login {
        int maxFailures();

        Duration window();

        Duration lockout();
    }

    /** A new signing key every {@code rotationPeriod}; old keys stay in the JWKS while their tokens live. */
    interface SigningKeys {
        Duration rotationPeriod();
    }
}
