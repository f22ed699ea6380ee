package dev.stoa.identity.domain.port;

import java.util.Optional;

/**
 * Pre-authentication lookups: which org a presented credential belongs to, before any org can be set, and whether
 * the credential behind a token was revoked.
 */
public interface CredentialLookups {
    Optional<String> orgOfRefreshToken(String tokenHash);

    Optional<String> orgOfApiKey(String secretHash);

    Optional<String> orgOfSdkConnection(String secretHash);

    Optional<String> orgOfInvite(String inviteHash);

    /** Whether the session, API key or SDK connection a token's {@code sid} names is revoked or expired. */
    boolean isCredentialRevoked(String sessionId);
}
