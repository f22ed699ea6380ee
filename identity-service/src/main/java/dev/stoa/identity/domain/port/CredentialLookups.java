package dev.stoa.identity.domain.port;

import java.util.Optional;

/**
 * Pre-authentication lookups: which org a presented refresh token or invitation belongs to, before any org can be set
 * (API keys and SDK secrets: {@link SecretCredentialRepository#orgOfSecret}), and whether the credential behind a token
 * was revoked.
 */
public interface CredentialLookups {
    Optional<String> orgOfRefreshToken(String tokenHash);

    Optional<String> orgOfInvite(String inviteHash);

    /** Whether the session, API key or SDK connection a token's {@code sid} names is revoked or expired. */
    boolean isCredentialRevoked(String sessionId);
}
