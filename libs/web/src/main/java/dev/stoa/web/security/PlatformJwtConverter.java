package dev.stoa.web.security;

import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.RevocationCheck;
import dev.stoa.common.auth.TokenType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a validated platform JWT into a {@link StoaAuthentication}, refusing SDK tokens (valid on the SDK socket
 * only) and, when a {@link RevocationCheck} exists, revoked ones.
 */
public final class PlatformJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {
    private final RevocationCheck revocations;

    public PlatformJwtConverter(ObjectProvider<RevocationCheck> revocationChecks) {
        this.revocations = RevocationCheck.lookedUpOnce(revocationChecks::getIfAvailable);
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Principal principal;
        try {
            principal = PlatformClaims.toPrincipal(jwt);
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("not a platform token");
        }
        if (principal.tokenType() == TokenType.SDK) {
            throw new PlatformAuthenticationException(
                    "sdk_token_not_allowed", "SDK tokens are accepted on the SDK socket only");
        }
        if (revocations.isRevoked(principal)) {
            throw new PlatformAuthenticationException("token_revoked", "the token has been revoked");
        }
        return new StoaAuthentication(jwt, principal);
    }
}
