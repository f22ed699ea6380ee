package dev.stoa.identity.domain.port;

import java.time.Duration;
import java.util.Map;

/**
 * The settings the identity domain runs by: token lifetimes, service clients, login throttling, mails and key
 * rotation.
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

    /** How long a mailed email-verification token works. */
    Duration emailVerificationTtl();

    /** How long a mailed password-reset token works (short: it is as good as the password). */
    Duration passwordResetTtl();

    /** Mails to one account: at most one per {@code resendInterval}, at most {@code perDay} a day (per purpose). */
    MailLimits mailLimits();

    /** The URL users reach the platform under; the links in mails point there. */
    String publicUrl();

    /** Service credentials (client id to secret) that may obtain service tokens. */
    Map<String, String> serviceClients();

    Login login();

    SigningKeys signingKeys();

    /**
     * Login throttling per email and client address: {@code freeAttempts} attempts, then each further attempt waits
     * {@code baseDelay} doubled per attempt (at most {@code maxDelay}); the count starts over after {@code window}
     * without a failure.
     */
    interface Login {
        int freeAttempts();

        Duration baseDelay();

        Duration maxDelay();

        Duration window();
    }

    /** How often identity mails one account. */
    interface MailLimits {
        Duration resendInterval();

        int perDay();
    }

    /** A new signing key every {@code rotationPeriod}; old keys stay in the JWKS while their tokens live. */
    interface SigningKeys {
        Duration rotationPeriod();
    }
}
