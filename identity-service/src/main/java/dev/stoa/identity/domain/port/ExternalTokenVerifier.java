package dev.stoa.identity.domain.port;

import dev.stoa.common.error.UnauthenticatedException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Validates an access token issued outside identity (a Keycloak realm's) and says whom it names. */
public interface ExternalTokenVerifier {

    /**
     * The verified token's claims.
     *
     * @throws UnauthenticatedException for a token that is not valid (signature, issuer, client, expiry)
     * @throws dev.stoa.common.error.FailedPreconditionException when this identity does not accept external tokens
     */
    VerifiedToken verify(String token);

    /**
     * @param subject the external user id ({@code sub})
     * @param orgId the org the token names ({@code org_id} claim), if any
     * @param sessionId the external session ({@code sid}), used to tell exchanged tokens apart
     */
    record VerifiedToken(String subject, @Nullable String orgId, Instant expiresAt, String sessionId) {}
}
